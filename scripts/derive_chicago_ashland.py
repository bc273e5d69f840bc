#!/usr/bin/env python3
"""Derive data/chicago_ashland.yaml: Ashland Avenue from Roosevelt Road to Washington Boulevard.

Usage: scripts/derive_chicago_ashland.py DATA_DIR -o data/chicago_ashland.yaml

DATA_DIR holds the City of Chicago open-data CSV files (see ../shared/data/chicago/README.md):
Chicago_Traffic_Tracker_-_Congestion_Estimates_by_Segments.csv and Average_Daily_Traffic_Counts.csv.
Standard library only; the output is deterministic (same inputs, same bytes). Every assumption is
written into the scenario's comments; the entry volumes derived from counts are recorded in the fixed
format "# entry: link=... approach=... site=... adt=... directional=... k=... flow=..." that
tests/generate/chicago_test.cpp recomputes.
"""
import argparse
import csv
import math
import os
import re

# --- stated assumptions -----------------------------------------------------------------------------
K_FACTOR = 0.09               # design-hour share of the 24-hour count (urban arterial, 0.09-0.10)
COUNT_RADIUS_M = 150          # a count site this close to Ashland locates a cross street
VOLUME_RADIUS_M = 400         # a cross street's volume comes from its nearest count this close
SKEW_SPREAD_M = 100           # counts of one street spread this far north-south: a diagonal street
SPEED_KMH = 48.28             # Chicago's default arterial limit, 30 mph
EDGE_LINK_M = 200             # assumed length of links to the boundary (the next signals are not modelled)
ASHLAND_LANES = 3             # through lanes per direction, plus an exclusive left-turn bay
ASHLAND_BAY_MAX_M = 45
CROSS_TWO_LANE_MIN = 8000     # a two-way cross street gets 2 lanes per direction from this 24-h directional count
ONE_WAY_LANES = 2
ASHLAND_TURNS = (0.10, 0.10)  # (left, right) shares of an Ashland approach, where the turn exists
CROSS_TURNS = (0.15, 0.15)    # (left, right) shares of a cross-street approach
ASSUMED_VOLUME = {"Washington": 500}  # veh/h per direction where the data has no count
CYCLE_S = 90
SATURATION = 1900             # veh/h/lane (HCM base)
LANE_WIDTH_M = 3.5
EARTH_RADIUS_M = 6371008.8
LEFT_OUT = ("Taylor St", "Polk St", "Van Buren St", "Congress Pkwy / I-290 ramps", "Adams St", "Monroe St")

TRACKER = "Chicago_Traffic_Tracker_-_Congestion_Estimates_by_Segments.csv"
COUNTS = "Average_Daily_Traffic_Counts.csv"
SUFFIX = re.compile(r"\s+(St|Ave|Rd|Blvd|Pkwy|Dr)\.?$")
COMPASS = ("north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest")
HEADING = {"North": 0.0, "East": 90.0, "South": 180.0, "West": 270.0}


def street_name(text):
    return SUFFIX.sub("", text.strip())


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = [name.strip() for name in rows[0]]
    return [dict(zip(header, row)) for row in rows[1:]]


class Projection:
    """Equirectangular projection around the corridor: local x east, y north, in metres."""

    def __init__(self, lat0, lon0):
        self.lat0, self.lon0 = lat0, lon0
        self.cos0 = math.cos(math.radians(lat0))

    def __call__(self, lat, lon):
        x = EARTH_RADIUS_M * math.radians(lon - self.lon0) * self.cos0
        y = EARTH_RADIUS_M * math.radians(lat - self.lat0)
        return (x, y)


def bearing(a, b):
    return math.degrees(math.atan2(b[0] - a[0], b[1] - a[1])) % 360


def mean(points):
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def along(polyline, point):
    """(distance from the line, position along it) of the point's foot on the polyline."""
    best, start = None, 0.0
    for a, b in zip(polyline, polyline[1:]):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy)
        t = ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / (length * length)
        foot = (a[0] + t * dx, a[1] + t * dy)
        distance = math.hypot(point[0] - foot[0], point[1] - foot[1])
        if -0.01 <= t <= 1.01 and (best is None or distance < best[0]):
            best = (distance, start + t * length)
        start += length
    return best


def cross_line(polyline, anchor, heading):
    """Where the street through `anchor` with compass heading `heading` crosses the polyline."""
    ux, uy = math.sin(math.radians(heading)), math.cos(math.radians(heading))
    for a, b in zip(polyline, polyline[1:]):
        dx, dy = b[0] - a[0], b[1] - a[1]
        det = ux * (-dy) - uy * (-dx)
        s = ((a[0] - anchor[0]) * (-dy) - (a[1] - anchor[1]) * (-dx)) / det
        t = (ux * (a[1] - anchor[1]) - uy * (a[0] - anchor[0])) / det
        if -0.01 <= t <= 1.01:
            return (anchor[0] + s * ux, anchor[1] + s * uy)
    raise SystemExit("a cross street does not meet the corridor")


def directions(text):
    """'East Bound: 4800 / West Bound: 5800' -> {'East': 4800, 'West': 5800}."""
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"(North|South|East|West) Bound:\s*(\d+)", text)}


def offset(point, heading, distance):
    return (point[0] + distance * math.sin(math.radians(heading)),
            point[1] + distance * math.cos(math.radians(heading)))


def compass(heading):
    return COMPASS[int((heading + 22.5) % 360 // 45)]


def approach_code(travel_heading):
    name = compass(travel_heading)
    return "".join(word[0].upper() for word in re.findall("north|south|east|west", name)) + "B"


def number(value):
    value = round(value, 6)
    return str(int(value)) if value == int(value) else repr(value)


def ceil_half(seconds):
    return math.ceil(seconds * 2 - 1e-9) / 2


def webster_greens(cycle_s, stages):
    """Webster's split rule as in libitsc/generate/initial_plan.cpp: the cycle less the clearances in
    proportion to the critical flow ratios, stages the rule starves held at their minimum, in tenths."""
    available = round(cycle_s * 10) - sum(round(s["clearance"] * 10) for s in stages)
    minimum = [math.ceil(s["min_green"] * 10 - 1e-9) for s in stages]
    if available < sum(minimum):
        raise SystemExit("cycle too short for the minimum greens")
    held = [False] * len(stages)
    share = [0.0] * len(stages)
    changed = True
    while changed:
        changed = False
        free = available - sum(m for m, h in zip(minimum, held) if h)
        ratio_sum = sum(s["ratio"] for s, h in zip(stages, held) if not h)
        open_count = held.count(False)
        for i, stage in enumerate(stages):
            if held[i]:
                continue
            share[i] = free * stage["ratio"] / ratio_sum if ratio_sum > 0 else free / open_count
            if share[i] < minimum[i]:
                held[i], changed = True, True
    green = [minimum[i] if held[i] else int(math.floor(share[i] + 0.5)) for i in range(len(stages))]
    residual = available - sum(green)
    while residual != 0:
        target = max(range(len(stages)), key=lambda i: (green[i] - minimum[i], -i))
        step = 1 if residual > 0 else -1
        green[target] += step
        residual -= step
    return [g / 10 for g in green]


class Corridor:
    def __init__(self, data_dir):
        self.tracker = read_csv(os.path.join(data_dir, TRACKER))
        self.counts = read_csv(os.path.join(data_dir, COUNTS))
        self.notes = []

    # -- where the signals are ---------------------------------------------------------------------
    def locate(self):
        ashland = [r for r in self.tracker if r["STREET"] == "Ashland"]
        # The chain of northbound segments from Roosevelt to Washington gives the cross streets at its
        # ends; each end's point is the mean of the northbound and southbound segment ends there.
        chain, street = ["Roosevelt"], "Roosevelt"
        while street != "Washington":
            street = next(r["TO_STREET"] for r in ashland if r["DIRECTION"] == "NB" and r["FROM_STREET"] == street)
            chain.append(street)
        ends = {}
        for r in ashland:
            for key, lat, lon in (("FROM_STREET", "START_LATITUDE", "START_LONGITUDE"),
                                  ("TO_STREET", "END_LATITUDE", "END_LONGITUDE")):
                if r[key] in chain:
                    ends.setdefault(r[key], []).append((float(r[lat]), float(r[lon])))
        origin = mean(ends["Roosevelt"])
        self.project = Projection(*origin)
        self.ashland = [mean([self.project(*p) for p in ends[s]]) for s in chain]
        anchors = {s: [self.project(*p) for p in ends[s]] for s in chain}
        self.sources = {s: "Traffic Tracker Ashland segment end" for s in chain}
        # Cross-street tracker segments that end on Ashland inside the corridor.
        for r in self.tracker:
            if r["STREET"] == "Ashland":
                continue
            for key, lat, lon in (("FROM_STREET", "START_LATITUDE", "START_LONGITUDE"),
                                  ("TO_STREET", "END_LATITUDE", "END_LONGITUDE")):
                point = self.project(float(r[lat]), float(r[lon]))
                hit = along(self.ashland, point)
                if r[key] == "Ashland" and hit and hit[0] <= COUNT_RADIUS_M:
                    anchors.setdefault(r["STREET"], []).append(point)
                    self.sources.setdefault(r["STREET"], "Traffic Tracker segment %s ends on Ashland" % r["SEGMENTID"])
        # Count sites of other streets within COUNT_RADIUS_M of Ashland, inside the corridor.
        self.sites = []
        for r in self.counts:
            street = street_name(r["Street"])
            point = self.project(float(r["Latitude"]), float(r["Longitude"]))
            hit = along(self.ashland, point)
            self.sites.append((street, r, point, hit))
            if street != "Ashland" and hit and hit[0] <= COUNT_RADIUS_M:
                if street not in anchors:
                    anchors[street] = [point]
                    self.sources[street] = "count site %s, %.0f m from Ashland" % (r["ID"], hit[0])
        self.streets = []
        for street, points in anchors.items():
            heading = self.cross_heading(street)
            node = cross_line(self.ashland, mean(points), heading)
            self.streets.append({"name": street, "point": node, "heading": heading,
                                 "position": along(self.ashland, node)[1]})
        self.streets.sort(key=lambda s: s["position"])

    def cross_heading(self, street):
        """East-west, unless the street's counts near Ashland spread north-south (a diagonal street):
        then the heading (into [0, 180)) of the line through its two farthest-apart sites."""
        near = [p for s, r, p, hit in self.sites if s == street and hit and hit[0] <= VOLUME_RADIUS_M + 100]
        if len(near) >= 2 and max(p[1] for p in near) - min(p[1] for p in near) > SKEW_SPREAD_M:
            pairs = [(math.dist(a, b), a, b) for i, a in enumerate(near) for b in near[i + 1:]]
            _, a, b = max(pairs)
            return bearing(a, b) % 180
        return 90.0

    def count_for(self, street):
        """The street's nearest count site within VOLUME_RADIUS_M of Ashland (site row, distance)."""
        best = None
        for s, r, p, hit in self.sites:
            if s == street and hit and hit[0] <= VOLUME_RADIUS_M and (best is None or hit[0] < best[1]):
                best = (r, hit[0])
        return best

    def ashland_count(self, position):
        """The Ashland count site inside the corridor nearest the given position along it."""
        inside = [(abs(hit[1] - position), int(r["ID"]), r) for s, r, p, hit in self.sites
                  if s == "Ashland" and hit and hit[0] <= 30]
        return min(inside)[2]

    # -- the network --------------------------------------------------------------------------------
    def build(self):
        self.locate()
        self.nodes, self.links, self.entries = [], [], []
        signals = []
        for street in self.streets:
            signals.append({"id": street["name"].lower(), "control": "signalized", "point": street["point"],
                            "street": street, "legs": []})
        first, last = self.ashland[0], self.ashland[-1]
        south = {"id": "ashland_s", "control": "boundary",
                 "point": offset(first, bearing(self.ashland[1], first), EDGE_LINK_M)}
        north = {"id": "ashland_n", "control": "boundary",
                 "point": offset(last, bearing(self.ashland[-2], last), EDGE_LINK_M)}
        boundaries = [south, north]
        chain = [south] + signals + [north]
        for a, b in zip(chain, chain[1:]):
            self.add_link(a, b, ASHLAND_LANES, True)
            self.add_link(b, a, ASHLAND_LANES, True)
        for signal in signals:
            self.add_cross_street(signal, boundaries)
        self.nodes = signals + boundaries
        for signal in signals:
            self.add_movements(signal)
        self.add_entries(south, north)
        self.assign_turns()
        for signal in signals:
            self.time_signal(signal)

    def add_link(self, a, b, lanes, ashland):
        link = {"id": "%s_to_%s" % (a["id"], b["id"]), "from": a, "to": b, "lanes": lanes, "ashland": ashland,
                "length": round(math.dist(a["point"], b["point"]), 1)}
        self.links.append(link)
        return link

    def travel_labels(self, street):
        """Directions of travel the data shows on a cross street: from its count, else the tracker."""
        count = self.count_for(street["name"])
        if count:
            return directions(count[0]["Vehicle Volume By Each Direction of Traffic"]), count
        labels = {}
        for r in self.tracker:
            if r["STREET"] == street["name"] and "Ashland" in (r["FROM_STREET"], r["TO_STREET"]):
                labels[{"NB": "North", "SB": "South", "EB": "East", "WB": "West"}[r["DIRECTION"]]] = None
        return labels, None

    def add_cross_street(self, signal, boundaries):
        street = signal["street"]
        labels, count = self.travel_labels(street)
        street["labels"], street["count"] = labels, count
        for leg_heading in (street["heading"], street["heading"] + 180):
            end = {"id": "%s_%s" % (signal["id"], "".join(w[0] for w in re.findall("north|south|east|west", compass(leg_heading)))),
                   "control": "boundary", "point": offset(signal["point"], leg_heading, EDGE_LINK_M)}
            boundaries.append(end)
            for travel, a, b in (((leg_heading + 180) % 360, end, signal), (leg_heading % 360, signal, end)):
                label = min(labels, key=lambda name: abs((HEADING[name] - travel + 180) % 360 - 180))
                if abs((HEADING[label] - travel + 180) % 360 - 180) > 60:
                    continue  # one-way: the data shows no traffic this way
                one_way = len(labels) == 1
                directional = labels[label] or 0
                lanes = ONE_WAY_LANES if one_way else (2 if directional >= CROSS_TWO_LANE_MIN else 1)
                link = self.add_link(a, b, lanes, False)
                link["label"] = label

    def legs_of(self, node):
        legs = {}
        for link in self.links:
            for key, other, side in (("to", "from", "in"), ("from", "to", "out")):
                if link[key] is node:
                    heading = bearing(node["point"], link[other]["point"])
                    leg = legs.setdefault(link[other]["id"], {"bearing": heading, "in": None, "out": None,
                                                            "ashland": link["ashland"]})
                    leg[side] = link
        ordered = sorted(legs.values(), key=lambda leg: (leg["bearing"] + 22.5) % 360)
        for leg in ordered:
            leg["id"] = compass(leg["bearing"])
        return ordered

    def add_movements(self, signal):
        signal["legs"] = self.legs_of(signal)
        signal["movements"], signal["groups"] = [], []
        for leg in signal["legs"]:
            if not leg["in"]:
                continue
            code = approach_code((leg["bearing"] + 180) % 360)
            leg["code"] = code
            moves = []
            for out in signal["legs"]:
                if out is leg or not out["out"]:
                    continue
                delta = (out["bearing"] - (leg["bearing"] + 180) + 180) % 360 - 180
                turn = "through" if abs(delta) <= 30 else ("left" if delta < 0 else "right")
                moves.append({"id": code + turn[0].upper(), "from": leg["in"], "to": out["out"], "turn": turn,
                              "leg": leg, "target": out})
            moves.sort(key=lambda m: "ltr".index(m["turn"][0]))
            signal["movements"] += moves
            left = [m for m in moves if m["turn"] == "left"]
            if leg["ashland"] and left:
                bay = min(ASHLAND_BAY_MAX_M, math.floor(0.4 * leg["in"]["length"] / 5) * 5)
                signal["groups"].append({"id": code + "_L", "link": leg["in"], "moves": left, "lanes": 1, "bay": bay})
                leg["bay"] = True
                moves = [m for m in moves if m["turn"] != "left"]
            letters = "".join(m["turn"][0].upper() for m in moves)
            signal["groups"].append({"id": code + "_" + letters, "link": leg["in"], "moves": moves,
                                     "lanes": leg["in"]["lanes"], "bay": 0})
        for leg in signal["legs"]:
            lanes = sum(l["lanes"] for l in (leg["in"], leg["out"]) if l) + (1 if leg.get("bay") else 0)
            leg["crosswalk"] = LANE_WIDTH_M * lanes
        for leg in signal["legs"]:
            leg["width"] = max(other["crosswalk"] for other in signal["legs"] if other["ashland"] != leg["ashland"])

    # -- demand -------------------------------------------------------------------------------------
    def add_entries(self, south, north):
        for link in self.links:
            if link["from"]["control"] != "boundary":
                continue
            if link["ashland"]:
                site = self.ashland_count(0.0 if link["from"] is south else along(self.ashland, self.ashland[-1])[1])
                label = "North" if link["from"] is south else "South"
                approach = "Ashland_NB" if label == "North" else "Ashland_SB"
            else:
                street = link["to"]["street"]
                site = street["count"][0] if street["count"] else None
                label = link["label"]
                approach = "%s_%sB" % (street["name"], label[0])
            if site is None:
                flow = ASSUMED_VOLUME[link["to"]["street"]["name"]]
                self.entries.append({"link": link, "flow": flow, "note": "# assumed entry: link=%s approach=%s flow=%s"
                                     % (link["id"], approach, number(flow))})
                continue
            adt = int(site["Total_Passing_Vehicle_Volume"])
            directional = directions(site["Vehicle Volume By Each Direction of Traffic"])[label]
            flow = adt * K_FACTOR * (directional / adt)
            self.entries.append({"link": link, "flow": flow, "note":
                                 "# entry: link=%s approach=%s site=%s adt=%d directional=%d k=%s flow=%s"
                                 % (link["id"], approach, site["ID"], adt, directional, number(K_FACTOR), number(flow))})

    def assign_turns(self):
        """Turning counts from the assumed shares and the link flows they imply (fixed point)."""
        entry = {e["link"]["id"]: e["flow"] for e in self.entries}
        approaches = []
        for signal in self.nodes:
            for leg in signal.get("legs", []):
                if not leg["in"]:
                    continue
                moves = [m for m in signal["movements"] if m["leg"] is leg]
                left, right = ASHLAND_TURNS if leg["ashland"] else CROSS_TURNS
                turning = sum(left if m["turn"] == "left" else right for m in moves if m["turn"] != "through")
                for m in moves:
                    m["share"] = {"left": left, "right": right}.get(m["turn"], 1 - turning)
                approaches.append((signal, leg, moves))
        flows = dict(entry)
        for _ in range(10000):
            new = dict(entry)
            for signal, leg, moves in approaches:
                for m in moves:
                    new[m["to"]["id"]] = new.get(m["to"]["id"], 0) + flows.get(leg["in"]["id"], 0) * m["share"]
            done = all(abs(new[k] - flows.get(k, 0)) < 1e-9 for k in new)
            flows = new
            if done:
                break
        self.flows = flows
        # Whole vehicles that add up to the approach's (rounded) flow, by largest remainder, so that the counts
        # of an entry approach agree with its entry flow (libitsc reports any difference: demand.balance).
        for signal, leg, moves in approaches:
            raw = [flows[leg["in"]["id"]] * m["share"] for m in moves]
            counts = [int(math.floor(r)) for r in raw]
            missing = int(math.floor(sum(raw) + 0.5)) - sum(counts)
            by_remainder = sorted(range(len(moves)), key=lambda i: (-(raw[i] - counts[i]), i))
            for i in by_remainder[:max(0, missing)]:
                counts[i] += 1
            for m, count in zip(moves, counts):
                m["count"] = count

    # -- the initial plan (same rules as libitsc/generate/initial_plan.cpp) -------------------------
    def time_signal(self, signal):
        moves = signal["movements"]

        def opposed(m):
            if m["turn"] != "left":
                return False
            back = (m["leg"]["bearing"] + 180) % 360
            opposite = min((l for l in signal["legs"] if l is not m["leg"]),
                           key=lambda l: abs((l["bearing"] - back + 180) % 360 - 180))
            return opposite["in"] is not None

        ashland = [m for m in moves if m["leg"]["ashland"]]
        cross = [m for m in moves if not m["leg"]["ashland"]]
        lead = [m for m in ashland if opposed(m)]
        stages = []
        if lead:
            stages.append({"protected": lead, "permitted": [], "crosswalks": []})
        for group, walks in ((ashland, [l for l in signal["legs"] if not l["ashland"]]),
                             (cross, [l for l in signal["legs"] if l["ashland"]])):
            stages.append({"protected": [m for m in group if not opposed(m)],
                           "permitted": [m for m in group if opposed(m)], "crosswalks": walks})
        speed = SPEED_KMH / 3.6
        needs = []
        for stage in stages:
            stage["yellow"] = max(4.0, ceil_half(1 + speed / (2 * 3.05)))
            red = max([ceil_half((m["leg"]["width"] + 6) / speed) for m in stage["protected"]] + [1.0])
            stage["red"] = min(red, 2.0)
            min_green = max([7.0] + [7 + l["crosswalk"] / 1.07 for l in stage["crosswalks"]])
            needs.append({"clearance": stage["yellow"] + stage["red"], "min_green": min_green, "ratio": 0.0})
        for group in signal["groups"]:
            index = next((k for pass_ in ("protected", "permitted") for k, s in enumerate(stages)
                          if any(m in s[pass_] for m in group["moves"])), None)
            volume = sum(self.flows[group["link"]["id"]] * m["share"] for m in group["moves"])
            needs[index]["ratio"] = max(needs[index]["ratio"], volume / (SATURATION * group["lanes"]))
        for stage, green in zip(stages, webster_greens(CYCLE_S, needs)):
            stage["green"] = green
        signal["stages"] = stages

    def stage_numbers(self, signal, moves, protected_only):
        result = []
        for k, stage in enumerate(signal["stages"]):
            served = stage["protected"] + ([] if protected_only else stage["permitted"])
            if any(m in served for m in moves):
                result.append(k + 1)
        return result

    # -- output -------------------------------------------------------------------------------------
    def header(self):
        lines = [
            "# Ashland Avenue, Chicago, from Roosevelt Road to Washington Boulevard: the default scenario.",
            "# Derived by scripts/derive_chicago_ashland.py from the City of Chicago open data",
            "# (Chicago Traffic Tracker segments, Average Daily Traffic counts 2006); regenerate with",
            "#   python3 scripts/derive_chicago_ashland.py ../shared/data/chicago -o data/chicago_ashland.yaml",
            "#",
            "# Signals (south to north) and what locates them:",
        ]
        for street in self.streets:
            lines.append("#   %s: %s" % (street["name"], self.sources[street["name"]]))
        lines += [
            "# Left out (signalized, but the data locates no cross street there): " + ", ".join(LEFT_OUT) + ".",
            "#",
            "# Assumptions:",
            "# - design-hour volume = 24-h count x K x directional share, K = %s; no peak-hour factor" % number(K_FACTOR),
            "#   (no 15-minute data); no heavy vehicles (no classification counts); no pedestrian volumes.",
            "# - Ashland main-street entries from the Ashland count site nearest each end of the corridor;",
            "#   cross-street entries from the street's nearest count site within %d m of Ashland; a cross" % VOLUME_RADIUS_M,
            "#   street with a count in one direction only is one-way; Washington has no count: one-way",
            "#   westbound as the Traffic Tracker shows (westbound segments only), %s veh/h assumed." % ASSUMED_VOLUME["Washington"],
            "# - geometry: equirectangular projection around the corridor (origin: Roosevelt's Ashland",
            "#   segment ends), link lengths from the coordinates; links to the boundary %d m (assumed)." % EDGE_LINK_M,
            "#   Cross streets run east-west unless their counts near Ashland spread north-south (Ogden).",
            "# - speed 48.28 km/h (30 mph, Chicago's default arterial limit) on every link.",
            "# - lanes: Ashland %d through lanes per direction plus a left-turn bay (%d m, shorter on short" % (ASHLAND_LANES, ASHLAND_BAY_MAX_M),
            "#   links: 40%% of the link); one-way cross streets %d lanes; two-way cross streets 2 lanes per" % ONE_WAY_LANES,
            "#   direction from %d veh/day in that direction, else 1; cross-street lanes are shared." % CROSS_TWO_LANE_MIN,
            "# - turning shares: Ashland %d%% left / %d%% right, cross streets %d%% / %d%%, where the turn exists;"
            % tuple(round(100 * s) for s in ASHLAND_TURNS + CROSS_TURNS),
            "#   turning counts are those shares of the link flows they imply (estimates, not counts).",
            "# - timing: fixed time, %d s cycle, offsets 0 (no coordination data); leading protected Ashland" % CYCLE_S,
            "#   lefts, then Ashland, then the cross street; yellow 4 s, red clearance (W + 6 m) / v in",
            "#   [1, 2] s, minimum green 7 s or walk 7 s + crosswalk / 1.07 m/s; Webster splits.",
            "# - turn types from the bearings: through within 30 degrees of straight on, right clockwise.",
            "#",
            "# Entry volumes from counts (fixed format, checked by tests/generate/chicago_test.cpp):",
        ]
        lines += [e["note"] for e in self.entries]
        return lines

    def write(self):
        out = self.header()
        out += ["schema_version: 1",
                "name: Ashland Avenue, Roosevelt Rd to Washington Blvd (Chicago open data, K = %s)" % number(K_FACTOR),
                "", "simulation:", "  dt_s: 1", "  duration_s: 3600", "  warmup_s: 900", "  analysis_period_h: 0.25",
                "", "nodes:"]
        for node in self.nodes:
            x, y = (number(round(v, 1)) for v in node["point"])
            if node["control"] == "boundary":
                out.append("  - {id: %s, control: boundary, x_m: %s, y_m: %s}" % (node["id"], x, y))
                continue
            out += ["  - id: " + node["id"], "    control: signalized", "    x_m: " + x, "    y_m: " + y, "    legs:"]
            for leg in node["legs"]:
                parts = ["id: " + leg["id"]]
                parts += ["%s: %s" % (key, leg[key]["id"]) for key in ("in", "out") if leg[key]]
                parts += ["crosswalk_length_m: " + number(leg["crosswalk"]), "width_m: " + number(leg["width"])]
                out.append("      - {%s}" % ", ".join(parts))
            out.append("    movements:")
            for m in node["movements"]:
                out.append("      - {id: %s, from: %s, to: %s, turn: %s}" % (m["id"], m["from"]["id"], m["to"]["id"], m["turn"]))
            out.append("    lane_groups:")
            for g in node["groups"]:
                bay = ", bay_length_m: %s" % number(g["bay"]) if g["bay"] else ""
                out.append("      - {id: %s, link: %s, movements: [%s], lanes: %d%s}"
                           % (g["id"], g["link"]["id"], ", ".join(m["id"] for m in g["moves"]), g["lanes"], bay))
        out += ["", "links:"]
        for l in self.links:
            out.append("  - {id: %s, from: %s, to: %s, length_m: %s, lanes: %d, speed_kmh: %s}"
                       % (l["id"], l["from"]["id"], l["to"]["id"], number(l["length"]), l["lanes"], number(SPEED_KMH)))
        out += ["", "detectors:",
                "  # Per approach: advance detector (extends the stages that give its through movement right of",
                "  # way) and a stop-bar zone (calls and extends every stage that serves the approach)."]
        for node in self.nodes:
            for leg in node.get("legs", []):
                if not leg["in"]:
                    continue
                moves = [m for m in node["movements"] if m["leg"] is leg]
                through = self.stage_numbers(node, [m for m in moves if m["turn"] == "through"], True)
                every = self.stage_numbers(node, moves, False)
                setback = min(40, math.floor(leg["in"]["length"] / 2))
                prefix = "%s_%s" % (node["id"], leg["code"])
                for suffix, back, length, stages in (("adv", setback, 1.8, through), ("stop", 0, 12, every)):
                    numbers = ", ".join(str(s) for s in stages)
                    out.append("  - {id: %s_%s, link: %s, setback_m: %s, length_m: %s, calls: [%s], extends: [%s]}"
                               % (prefix, suffix, leg["in"]["id"], number(back), number(length), numbers, numbers))
        out += ["", "demand:", "  interval_s: 3600", "  entries:"]
        for e in self.entries:
            out.append("    - {link: %s, flow_veh_per_h: %s}" % (e["link"]["id"], number(e["flow"])))
        out += ["  turns:", "    # Estimated turning counts (veh/h): the assumed shares of the implied link flows."]
        for node in self.nodes:
            for leg in node.get("legs", []):
                if leg["in"]:
                    counts = ", ".join("%s: %d" % (m["id"], m["count"]) for m in node["movements"] if m["leg"] is leg)
                    out.append("    - {node: %s, link: %s, counts: {%s}}" % (node["id"], leg["in"]["id"], counts))
        out += ["", "timing:"]
        for node in self.nodes:
            if node["control"] != "signalized":
                continue
            out += ["  %s:" % node["id"], "    cycle_s: %d" % CYCLE_S, "    offset_s: 0", "    offset_reference: green_start",
                    "    sequence:", "      stages:"]
            for stage in node["stages"]:
                first = True
                for key in ("protected", "permitted", "crosswalks"):
                    if stage[key]:
                        ids = ", ".join(item["id"] for item in stage[key])
                        out.append("        %s %s: [%s]" % ("-" if first else " ", key, ids))
                        first = False
                out += ["          green_s: " + number(stage["green"]), "          yellow_s: " + number(stage["yellow"]),
                        "          red_clearance_s: " + number(stage["red"])]
        return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", help="folder with the City of Chicago CSV files")
    parser.add_argument("-o", "--output", required=True, help="scenario file to write")
    args = parser.parse_args()
    corridor = Corridor(args.data_dir)
    corridor.build()
    text = corridor.write()
    temporary = args.output + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(temporary, args.output)


if __name__ == "__main__":
    main()
