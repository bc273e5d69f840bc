#include "io/yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace itsc::detail {

namespace {

Position position_of(const YAML::Mark& mark) {
  if (mark.is_null()) return {};
  return {mark.line + 1, mark.column + 1};
}

// Thrown from inside the event handler to stop parsing with a message of our own.
struct ParseStop {
  Position position;
  std::string message;
};

class TreeBuilder : public YAML::EventHandler {
 public:
  YamlNodePtr root;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto node = std::make_shared<YamlNode>();
    node->position = position_of(mark);
    finish(std::move(node), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size() || !anchors_[anchor]) {
      throw ParseStop{position_of(mark), "alias refers to a node that contains it"};
    }
    const YamlNodePtr& target = anchors_[anchor];
    expanded_ += target->size;
    if (expanded_ > kMaxAliasExpansion) {
      throw ParseStop{position_of(mark), "aliases expand to more than " +
                                             std::to_string(kMaxAliasExpansion) +
                                             " nodes (alias bomb?)"};
    }
    attach(target);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    auto node = std::make_shared<YamlNode>();
    node->kind = YamlNode::Kind::scalar;
    node->position = position_of(mark);
    node->value = value;
    node->quoted = tag != "?";
    finish(std::move(node), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::sequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::map, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    std::shared_ptr<YamlNode> node;
    YAML::anchor_t anchor;
    YamlNodePtr pending_key;
  };
  std::vector<Frame> stack_;
  std::vector<YamlNodePtr> anchors_;  // by yaml-cpp's anchor id; set once the node is complete
  std::size_t expanded_ = 0;

  void open(YamlNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    auto node = std::make_shared<YamlNode>();
    node->kind = kind;
    node->position = position_of(mark);
    stack_.push_back({std::move(node), anchor, nullptr});
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    finish(std::move(frame.node), frame.anchor);
  }

  void finish(std::shared_ptr<YamlNode> node, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
      anchors_[anchor] = node;
    }
    attach(std::move(node));
  }

  void attach(YamlNodePtr node) {
    if (stack_.empty()) {
      root = std::move(node);
      return;
    }
    Frame& parent = stack_.back();
    parent.node->size += node->size;
    if (parent.node->kind == YamlNode::Kind::sequence) {
      parent.node->items.push_back(std::move(node));
    } else if (!parent.pending_key) {
      parent.pending_key = std::move(node);
    } else {
      parent.node->pairs.emplace_back(std::move(parent.pending_key), std::move(node));
      parent.pending_key = nullptr;
    }
  }
};

// Counts the events of a further document, only to say that there is one.
class DocumentProbe : public YAML::EventHandler {
 public:
  Position start;
  void OnDocumentStart(const YAML::Mark& mark) override { start = position_of(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

Diagnostic make_error(const std::string& file, Position position, std::string message) {
  Diagnostic diagnostic;
  diagnostic.file = file;
  diagnostic.line = position.line;
  diagnostic.column = position.column;
  diagnostic.message = std::move(message);
  return diagnostic;
}

}  // namespace

YamlNodePtr parse_yaml(std::string_view text, const std::string& file,
                       std::vector<Diagnostic>& diagnostics) {
  std::istringstream stream{std::string(text)};
  YAML::Parser parser(stream);
  TreeBuilder builder;
  try {
    if (!parser.HandleNextDocument(builder) || !builder.root) {
      auto empty = std::make_shared<YamlNode>();  // an empty document: a null at its start
      empty->position = {1, 1};
      return empty;
    }
    DocumentProbe probe;
    if (parser.HandleNextDocument(probe)) {
      diagnostics.push_back(make_error(file, probe.start, "expected one YAML document, found a second"));
      return nullptr;
    }
  } catch (const YAML::Exception& error) {
    diagnostics.push_back(make_error(file, position_of(error.mark), "syntax error: " + error.msg));
    return nullptr;
  } catch (const ParseStop& stop) {
    diagnostics.push_back(make_error(file, stop.position, stop.message));
    return nullptr;
  }
  return builder.root;
}

}  // namespace itsc::detail
