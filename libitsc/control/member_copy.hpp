#pragma once
// Copying one batch member's state between controllers of the same kind (Controller::copy_member).

#include <cstddef>
#include <vector>

namespace itsc::detail {

/// Member `to` of `target`, a column laid out [row × to_batch], takes the values of member `from` of
/// `source`, laid out [row × from_batch] with the same rows. Members in range, checked by the caller.
template <class T>
void copy_member_column(std::vector<T>& target, std::size_t to_batch, std::size_t to, const std::vector<T>& source,
                        std::size_t from_batch, std::size_t from) noexcept {
  const std::size_t rows = to_batch == 0 ? 0 : target.size() / to_batch;
  for (std::size_t k = 0; k < rows && k * from_batch + from < source.size(); ++k) {
    target[k * to_batch + to] = source[k * from_batch + from];
  }
}

}  // namespace itsc::detail
