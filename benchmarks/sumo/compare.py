#!/usr/bin/env python3
"""Runs SUMO and libitsc on the same network, demand and fixed-time plan and prints them side by side.

  compare.py run --net NET.net.xml --routes R.rou.xml [--plan PLAN.yaml] [--begin S] [--end S]
      The scenario is imported with `itsc convert sumo`. Without --plan both run the net's own programs
      (libitsc: as imported); with --plan the plan is exported (`itsc export sumo`) and SUMO runs it.
  compare.py grid|corridor [--flow VEH_PER_H] [--plans]
      Generates the network with netgenerate and flows from every entry, then runs as above; --plans
      also runs three plans (cycles 60, 90, 120 s, greens scaled) and ranks them by mean delay.
  --running-speed sumo|limit (default sumo)
      The free-flow speed of libitsc's links. `limit`: SUMO's lane speed (the speed limit). `sumo`: the
      speed SUMO's vehicles actually run at between stop lines, measured in a SUMO run of the net's own
      programs: over every vehicle and every link between its first and its last, the link's length
      (stop line to stop line) over its time on it (--vehroute-output exit times), counting only passages
      that took under 1.3 times the time at the speed limit (the vehicle was not held by a signal); every
      link's speed is its limit times (time at the limits / time taken) of those passages. Krauss's
      dawdling (sigma 0.5), one-lane platoons behind their slowest driver, the turning speeds inside the
      junctions and the acceleration from the stop line make it about 45 of 50 km/h (docs/validation.md).

SUMO figures come from --tripinfo-output: travel time = duration + departDelay, delay = timeLoss +
departDelay, throughput = vehicles that arrived. libitsc's from `itsc simulate --json`. SUMO (Debian
packages sumo, sumo-tools) is installed when missing.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ITSC = os.environ.get("ITSC", os.path.join(ROOT, "build", "bin", "itsc"))


def ensure_sumo():
    if shutil.which("sumo") and shutil.which("netgenerate"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "sumo", "sumo-tools"], check=True,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def run_sumo(work, net, routes, additional, begin, end):
    tripinfo = os.path.join(work, "tripinfo.xml")
    command = ["sumo", "-n", net, "-r", routes, "--begin", str(begin), "--end", str(end), "--no-step-log",
               "--tripinfo-output", tripinfo, "--duration-log.statistics", "--seed", "42"]
    if additional:
        command += ["-a", additional]
    start = time.perf_counter()
    run(command)
    wall = time.perf_counter() - start
    trips = ET.parse(tripinfo).getroot().findall("tripinfo")
    count = len(trips)
    travel = sum(float(t.get("duration")) + float(t.get("departDelay")) for t in trips)
    delay = sum(float(t.get("timeLoss")) + float(t.get("departDelay")) for t in trips)
    return {"travel_time_s": travel / max(count, 1), "delay_s": delay / max(count, 1), "throughput": count,
            "wall_s": wall}


def run_itsc(scenario, plan):
    command = [ITSC, "simulate", scenario, "--json"] + (["--plan", plan] if plan else [])
    start = time.perf_counter()
    result = json.loads(run(command).stdout)
    wall = time.perf_counter() - start
    return {"travel_time_s": result["average_travel_time_s"], "delay_s": result["delay_s_per_veh"],
            "throughput": result["vehicles_exited"], "wall_s": wall}


LINK_LINE = re.compile(r"^  - \{id: ([^,]+), .*length_m: ([0-9.e+]+).*\}$")


def link_lines(text):
    """(line index, id, length m, speed km/h) of the scenario's links (flow-style lines as itsc writes them)."""
    lines = text.split("\n")
    start = lines.index("links:")
    found = []
    for index in range(start + 1, len(lines)):
        if not lines[index].startswith("  "):
            break
        match = LINK_LINE.match(lines[index])
        if not match:
            raise SystemExit(f"unexpected link line in the scenario: {lines[index]}")
        speed = re.search(r"speed_kmh: ([0-9.e+]+)", lines[index])
        found.append((index, match.group(1).strip('"'), float(match.group(2)), float(speed.group(1)) if speed else 50))
    return lines, found


def running_speed_factor(work, net, routes, scenario, begin, end):
    """SUMO's running time over the time at the speed limit, from a run of the net's own programs."""
    vehroutes = os.path.join(work, "vehroutes.xml")
    run(["sumo", "-n", net, "-r", routes, "--begin", str(begin), "--end", str(end), "--no-step-log", "--seed", "42",
         "--vehroute-output", vehroutes, "--vehroute-output.exit-times"])
    _, links = link_lines(open(scenario).read())
    limit_time = {link: length / (speed / 3.6) for _, link, length, speed in links}
    at_limit = taken = 0.0
    for vehicle in ET.parse(vehroutes).getroot().iter("vehicle"):
        route = vehicle.find("route")
        edges, exits = route.get("edges").split(), [float(t) for t in route.get("exitTimes").split()]
        for k in range(1, len(edges) - 1):  # entered from a stop line, left at one
            time_s = exits[k] - exits[k - 1]
            if edges[k] in limit_time and time_s < 1.3 * limit_time[edges[k]]:
                at_limit += limit_time[edges[k]]
                taken += time_s
    return at_limit / taken if taken else 1.0


def convert(work, net, routes, begin, end, interval, running_speed):
    scenario = os.path.join(work, "scenario.yaml")
    run([ITSC, "convert", "sumo", "--net", net, "--routes", routes, "--begin", str(begin), "--end", str(end),
         "--interval", str(interval), "-o", scenario, "--report", os.path.join(work, "report.txt")])
    if running_speed == "sumo":
        factor = running_speed_factor(work, net, routes, scenario, begin, end)
        lines, links = link_lines(open(scenario).read())
        for index, _, _, speed in links:
            line = re.sub(r", speed_kmh: [0-9.e+]+", "", lines[index])
            lines[index] = line[:-1] + f", speed_kmh: {speed * factor:.2f}}}"
        with open(scenario, "w") as out:
            out.write("\n".join(lines))
        print(f"libitsc's links run at {100 * factor:.1f}% of their speed limits, as SUMO's vehicles between stop lines")
    return scenario


def compare(work, net, routes, scenario, plan, begin, end, label):
    additional = None
    if plan:
        additional = os.path.join(work, "plan.add.xml")
        run([ITSC, "export", "sumo", "--scenario", scenario, "--plan", plan, "-o", additional])
    sumo = run_sumo(work, net, routes, additional, begin, end)
    itsc = run_itsc(scenario, plan)
    print(f"\n{label}")
    print(f"{'':24}{'SUMO':>12}{'libitsc':>12}{'difference':>12}")
    for key, name in [("travel_time_s", "mean travel time (s)"), ("delay_s", "mean delay (s)"),
                      ("throughput", "throughput (veh)"), ("wall_s", "wall time (s)")]:
        a, b = sumo[key], itsc[key]
        diff = f"{100 * (b - a) / a:+.1f}%" if a else "-"
        print(f"{name:24}{a:12.2f}{b:12.2f}{diff:>12}")
    return sumo, itsc


def generate(work, kind, flow):
    net = os.path.join(work, f"{kind}.net.xml")
    if kind == "grid":
        size = ["--grid.number", "3"]
    else:  # a corridor of four signals
        size = ["--grid.x-number", "4", "--grid.y-number", "1"]
    run(["netgenerate", "--grid", *size, "--grid.length", "200", "--grid.attach-length", "200",
         "-j", "traffic_light", "--no-turnarounds", "--tls.cycle.time", "90", "-o", net])
    root = ET.parse(net).getroot()
    fringe = {j.get("id") for j in root.findall("junction") if j.get("type") == "dead_end"}
    edges = [e for e in root.findall("edge") if e.get("function") is None]
    entries = [e for e in edges if e.get("from") in fringe]
    exits = [e for e in edges if e.get("to") in fringe]
    position = {j.get("id"): (float(j.get("x")), float(j.get("y"))) for j in root.findall("junction")}
    routes = os.path.join(work, f"{kind}.rou.xml")
    with open(routes, "w") as out:
        out.write("<routes>\n")
        for entry in entries:
            # Three quarters go straight across the network, a quarter to the nearest other exit.
            x0, y0 = position[entry.get("from")]
            x1, y1 = position[entry.get("to")]
            length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
            dx, dy = (x1 - x0) / length, (y1 - y0) / length
            distance = lambda e: (position[e.get("to")][0] - x0) ** 2 + (position[e.get("to")][1] - y0) ** 2
            along = lambda e: (position[e.get("to")][0] - x0) * dx + (position[e.get("to")][1] - y0) * dy
            across = lambda e: abs((position[e.get("to")][0] - x0) * dy - (position[e.get("to")][1] - y0) * dx)
            straight = max((e for e in exits if across(e) < 1), key=along)
            others = sorted((e for e in exits if e is not straight and e.get("to") != entry.get("from")), key=distance)
            flows = [(straight, 0.75 * flow)] + ([(others[0], 0.25 * flow)] if others else [])
            for k, (exit_edge, rate) in enumerate(flows):
                out.write(f'  <flow id="{entry.get("id")}_{k}" from="{entry.get("id")}" to="{exit_edge.get("id")}" '
                          f'begin="0" end="3600" vehsPerHour="{rate:g}" departLane="best" departSpeed="max"/>\n')
        out.write("</routes>\n")
    return net, routes


def scaled_plan(scenario, cycle_s, path):
    """A plan file from the scenario's timing with every cycle set to cycle_s, greens scaled."""
    text = open(scenario).read()
    block = text[text.index("\ntiming:\n") + 1:]
    block = block[:re.search(r"\n\S", block[1:]).start() + 1] if re.search(r"\n\S", block[1:]) else block
    out, node_lines = [], []

    def flush():
        if not node_lines:
            return
        joined = "\n".join(node_lines)
        old_cycle = float(re.search(r"cycle_s: ([0-9.]+)", joined).group(1))
        greens = [float(g) for g in re.findall(r"green_s: ([0-9.]+)", joined)]
        lost = old_cycle - sum(greens)
        factor = (cycle_s - lost) / sum(greens)
        joined = re.sub(r"cycle_s: [0-9.]+", f"cycle_s: {cycle_s:g}", joined)
        new_greens = [round(g * factor, 1) for g in greens]
        new_greens[-1] = round(cycle_s - lost - sum(new_greens[:-1]), 1)
        values = iter(new_greens)
        joined = re.sub(r"green_s: [0-9.]+", lambda _: f"green_s: {next(values):g}", joined)
        out.append(joined)
        node_lines.clear()

    for line in block.splitlines()[1:]:
        if re.match(r"^  \S", line):
            flush()
        node_lines.append(line)
    flush()
    with open(path, "w") as f:
        f.write("schema_version: 1\ntiming:\n" + "\n".join(out) + "\n")
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["run", "grid", "corridor"])
    parser.add_argument("--net")
    parser.add_argument("--routes")
    parser.add_argument("--plan")
    parser.add_argument("--begin", type=float, default=0)
    parser.add_argument("--end", type=float, default=4500)
    parser.add_argument("--interval", type=float, default=900)
    parser.add_argument("--flow", type=float, default=300, help="veh/h per entry (generated networks)")
    parser.add_argument("--plans", action="store_true", help="also rank three plans by mean delay")
    parser.add_argument("--running-speed", choices=["sumo", "limit"], default="sumo",
                        help="libitsc's free-flow speed: SUMO's measured running speed (default) or the speed limit")
    args = parser.parse_args()
    ensure_sumo()
    work = tempfile.mkdtemp(prefix="itsc_sumo_compare_")
    if args.mode == "run":
        if not args.net or not args.routes:
            parser.error("run needs --net and --routes")
        net, routes = os.path.abspath(args.net), os.path.abspath(args.routes)
    else:
        net, routes = generate(work, args.mode, args.flow)
    label = f"{os.path.basename(net)}, {os.path.basename(routes)}, " + (args.plan or "the net's own programs")
    scenario = convert(work, net, routes, args.begin, args.end, args.interval, args.running_speed)
    compare(work, net, routes, scenario, args.plan and os.path.abspath(args.plan), args.begin, args.end, label)
    if args.plans:
        ranking = []
        for cycle in (60, 90, 120):
            plan = scaled_plan(scenario, cycle, os.path.join(work, f"plan{cycle}.yaml"))
            sumo, itsc = compare(work, net, routes, scenario, plan, args.begin, args.end, f"plan: cycle {cycle} s")
            ranking.append((cycle, sumo["delay_s"], itsc["delay_s"]))
        by_sumo = [c for c, _, _ in sorted(ranking, key=lambda r: r[1])]
        by_itsc = [c for c, _, _ in sorted(ranking, key=lambda r: r[2])]
        print(f"\nplans by mean delay (cycle s): SUMO {by_sumo}, libitsc {by_itsc}: "
              f"{'same order' if by_sumo == by_itsc else 'DIFFERENT order'}")
    shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
