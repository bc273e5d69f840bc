#!/usr/bin/env python3
"""Runs SUMO and libitsc on the same network, demand and fixed-time plan and prints them side by side.

  compare.py run --net NET.net.xml --routes R.rou.xml [--plan PLAN.yaml] [--begin S] [--end S]
      The scenario is imported with `itsc convert sumo`. Without --plan both run the net's own programs
      (libitsc: as imported); with --plan the plan is exported (`itsc export sumo`) and SUMO runs it.
  compare.py scenario --scenario S.yaml [--plan PLAN.yaml]
      Any libitsc scenario (an engineer's own): written as a whole SUMO scenario (`itsc export sumo
      --network`: network, programs, every vehicle with its route), built with netconvert, run in SUMO
      (its duration plus a quarter of an hour, so that the last vehicles arrive) and by libitsc at the
      scenario's own speeds (no running-speed measurement: the scenario's speeds are the engineer's).
      libitsc's figures are `itsc simulate`'s: after its warm-up and up to its duration, so its throughput
      leaves out the vehicles still inside at the end that SUMO's longer run lets arrive.
  compare.py grid|corridor [--flow VEH_PER_H] [--plans]
      Generates the network with netgenerate and flows from every entry, then runs as above; --plans
      also runs three plans (cycles 60, 90, 120 s, greens scaled) and ranks them by mean delay.
  compare.py optimize grid|corridor [--flow VEH_PER_H] [--time-limit S] [--seeds 1,2,3]
  compare.py optimize --net N.net.xml --routes R.rou.xml [...]   (any SUMO network with routed vehicles)
      The optimizer checked in SUMO: the generated network and flows as above run in SUMO under
      (a) the net's own programs (netgenerate's);
      (b) SUMO's tools: tlsCycleAdaptation.py (Webster's cycle, common to all signals (-u), and splits,
          from the routes expanded by duarouter; -y the net's yellow), then tlsCoordinator.py (offsets for
          progression, of the programs of (b) loaded with -a, at libitsc's running speed); SUMO loads
          both additional files;
      (c) libitsc's plan: `itsc optimize SCENARIO --quiet --threads 2 --json -o PLAN` (--time-limit passed
          on), exported with `itsc export sumo`.
      Prints SUMO's delay, travel time and throughput for each, libitsc's own predicted delay (`itsc
      simulate --plan`; for (b) its programs imported with `itsc convert sumo`), the closed-form largest
      X (`itsc analyze`), the cycle, the planning tools' wall time, and the ratio (c)/(b) of SUMO's delay.
      --seeds: SUMO runs every plan again with each of these seeds and the means are printed as well.
      --optimize-args=..., --cycle-adaptation-args=...: further options for itsc optimize and for
      tlsCycleAdaptation.py, one string each (with `=`: --optimize-args='--cycle-min 20').
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
departDelay, throughput = vehicles that arrived. libitsc's from `itsc simulate --json`. SUMO runs with
--seed 42 (optimize --seeds: those seeds as well). SUMO (Debian packages sumo, sumo-tools) is installed
when missing; SUMO_HOME defaults to /usr/share/sumo (its XML schemas and tools). Intermediate files go
to a temporary directory, removed at the end and kept (and named) when a step fails.
"""
import argparse
import json
import math
import os
import re
import shlex
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


def sumo_home():
    """SUMO_HOME (the XML schemas SUMO validates against; tools/), /usr/share/sumo when unset."""
    if not os.environ.get("SUMO_HOME") and os.path.isdir("/usr/share/sumo"):
        os.environ["SUMO_HOME"] = "/usr/share/sumo"
    return os.environ.get("SUMO_HOME", "")


def run(command, **kwargs):
    """Runs a command, its output captured; a failure ends the script with the command and its messages."""
    try:
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)
    except FileNotFoundError:
        hint = " (set ITSC to the itsc command line)" if command[0] == ITSC else ""
        raise SystemExit(f"error: {command[0]}: no such program{hint}")
    except subprocess.CalledProcessError as error:
        messages = "\n".join(((error.stderr or "") + (error.stdout or "")).strip().splitlines()[-20:])
        raise SystemExit(f"error: exit status {error.returncode} from\n  {shlex.join(command)}\n{messages}")


def run_sumo(work, net, routes, additional, begin, end, seed=42):
    tripinfo = os.path.join(work, "tripinfo.xml")
    command = ["sumo", "-n", net, "-r", routes, "--begin", str(begin), "--end", str(end), "--no-step-log",
               "--tripinfo-output", tripinfo, "--duration-log.statistics", "--seed", str(seed)]
    if additional:
        command += ["-a", additional]
    start = time.perf_counter()
    log = run(command).stdout
    wall = time.perf_counter() - start
    trips = ET.parse(tripinfo).getroot().findall("tripinfo")
    count = len(trips)
    travel = sum(float(t.get("duration")) + float(t.get("departDelay")) for t in trips)
    delay = sum(float(t.get("timeLoss")) + float(t.get("departDelay")) for t in trips)
    inserted = re.search(r"Inserted: (\d+)(?: \(Loaded: (\d+)\))?", log)
    teleports = re.search(r"Teleports: (\d+)", log)
    return {"travel_time_s": travel / max(count, 1), "delay_s": delay / max(count, 1), "throughput": count,
            "wall_s": wall, "loaded": int(inserted.group(2) or inserted.group(1)) if inserted else None,
            "teleports": int(teleports.group(1)) if teleports else 0}


def run_itsc(scenario, plan):
    command = [ITSC, "simulate", scenario, "--json"] + (["--plan", plan] if plan else [])
    start = time.perf_counter()
    result = json.loads(run(command).stdout)
    wall = time.perf_counter() - start
    return {"travel_time_s": result["average_travel_time_s"], "delay_s": result["delay_s_per_veh"],
            "throughput": result["vehicles_exited"], "wall_s": wall}


def yaml_module():
    try:
        import yaml  # Debian: python3-yaml
    except ImportError:
        raise SystemExit("the running-speed measurement reads the scenario with PyYAML: apt-get install python3-yaml")
    return yaml


def scenario_links(scenario):
    """The scenario file's data and its links (each a map with id, length_m and speed_kmh, 50 when absent)."""
    with open(scenario) as file:
        data = yaml_module().safe_load(file)
    return data, data["links"]


def running_speed_factor(work, net, routes, scenario, begin, end):
    """SUMO's running time over the time at the speed limit, from a run of the net's own programs."""
    vehroutes = os.path.join(work, "vehroutes.xml")
    run(["sumo", "-n", net, "-r", routes, "--begin", str(begin), "--end", str(end), "--no-step-log", "--seed", "42",
         "--vehroute-output", vehroutes, "--vehroute-output.exit-times"])
    _, links = scenario_links(scenario)
    limit_time = {str(link["id"]): link["length_m"] / (link.get("speed_kmh", 50) / 3.6) for link in links}
    at_limit = taken = 0.0
    for vehicle in ET.parse(vehroutes).getroot().iter("vehicle"):
        # A vehicle SUMO routed again (a from/to flow's, when it inserted it) has a routeDistribution; the
        # route it drove is the one with exit times.
        route = next((r for r in reversed(vehicle.findall(".//route")) if r.get("exitTimes")), None)
        if route is None:
            continue
        edges, exits = route.get("edges").split(), [float(t) for t in route.get("exitTimes").split()]
        for k in range(1, len(edges) - 1):  # entered from a stop line, left at one
            time_s = exits[k] - exits[k - 1]
            if edges[k] in limit_time and time_s < 1.3 * limit_time[edges[k]]:
                at_limit += limit_time[edges[k]]
                taken += time_s
    return at_limit / taken if taken else 1.0


def convert(work, net, routes, begin, end, interval, running_speed, name="scenario"):
    """The scenario imported with `itsc convert sumo`, and its links' speed over the speed limit."""
    scenario = os.path.join(work, f"{name}.yaml")
    run([ITSC, "convert", "sumo", "--net", net, "--routes", routes, "--begin", str(begin), "--end", str(end),
         "--interval", str(interval), "-o", scenario, "--report", os.path.join(work, f"{name}_report.txt")])
    factor = 1.0
    if running_speed == "sumo":
        factor = running_speed_factor(work, net, routes, scenario, begin, end)
        data, links = scenario_links(scenario)
        for link in links:
            # Not below the speed at which the link's cells carry its capacity (kj v / 2, with a margin for the
            # cells' rounding): slower, the cell transmission model would be unstable.
            speed = link.get("speed_kmh", 50)
            jam_veh_per_km = 1000 / link.get("jam_spacing_m", 7.5)
            carried = 1.1 * 2 * link.get("saturation_flow_veh_per_h_per_lane", 1900) / jam_veh_per_km
            link["speed_kmh"] = round(max(speed * factor, min(speed, carried)), 2)
        with open(scenario, "w") as out:
            yaml_module().safe_dump(data, out, sort_keys=False)
        print(f"libitsc's links run at {100 * factor:.1f}% of their speed limits, as SUMO's vehicles between stop lines")
    return scenario, factor


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


def timing_block(scenario):
    """The scenario's top-level `timing:` section, from that line to the next top-level key."""
    text = open(scenario).read()
    if "\ntiming:\n" not in text:
        raise SystemExit(f"error: {scenario} has no timing section")
    block = text[text.index("\ntiming:\n") + 1:]
    following = re.search(r"\n\S", block[1:])
    return block[:following.start() + 1] if following else block


def scaled_plan(scenario, cycle_s, path):
    """A plan file from the scenario's timing with every cycle set to cycle_s, greens scaled."""
    block = timing_block(scenario)
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


def net_programs(net):
    """{traffic light id: its first tlLogic element} of a net or an additional file."""
    programs = {}
    for logic in ET.parse(net).getroot().iter("tlLogic"):
        programs.setdefault(logic.get("id"), logic)
    return programs


def run_tool(script, arguments):
    """Runs one of SUMO's Python tools (SUMO_HOME/tools); returns its standard output."""
    path = os.path.join(sumo_home(), "tools", script)
    if not os.path.isfile(path):
        raise SystemExit(f"error: {path} not found (SUMO's tools: Debian package sumo-tools; or set SUMO_HOME)")
    return run([sys.executable, path, *arguments]).stdout


def sumo_tools_plan(work, net, routes, begin, speed_factor, extra):
    """SUMO's own timing: tlsCycleAdaptation.py, then tlsCoordinator.py on its programs.

    Both tools read vehicles with explicit routes, not from/to flows, so duarouter expands the flows first
    (SUMO itself still runs the flows). tlsCycleAdaptation gives every signal Webster's cycle of the
    busiest one (-u; the coordinator needs a common cycle) and Webster's splits over the hour from
    --begin; it keeps the net's yellow phases, so -y is the net's yellow. tlsCoordinator sets the offsets
    of those programs (-a) along the routes at speed_factor times the speed limits. Returns the two
    additional files (SUMO loads both, the offsets last), the cycle and the wall time of the three steps.
    """
    start = time.perf_counter()
    routed = os.path.join(work, "routed.rou.xml")
    run(["duarouter", "-n", net, "-r", routes, "-o", routed, "--no-step-log", "--no-warnings"])
    yellow = [float(p.get("duration")) for logic in net_programs(net).values() for p in logic.iter("phase")
              if "y" in p.get("state") and "G" not in p.get("state").replace("g", "G")]
    cycle_file = os.path.join(work, "cycle_adaptation.add.xml")
    options = ["-n", net, "-r", routed, "-o", cycle_file, "-b", str(int(begin)), "-u"]
    if yellow:
        options += ["-y", str(int(round(max(yellow))))]
    output = run_tool("tlsCycleAdaptation.py", options + extra)
    if "No vehicles parsed" in output or "no flows at the given intersections" in output:
        raise SystemExit(f"error: tlsCycleAdaptation.py found no traffic in {routed}:\n{output.strip()}")
    coordinated = os.path.join(work, "coordinator.add.xml")
    output = run_tool("tlsCoordinator.py", ["-n", net, "-r", routed, "-a", cycle_file, "-o", coordinated,
                                            "--speed-factor", f"{speed_factor:.4f}"])
    wall = time.perf_counter() - start
    signals = set(net_programs(net))
    adapted = net_programs(cycle_file)
    if set(adapted) != signals:
        raise SystemExit(f"error: tlsCycleAdaptation.py timed {sorted(adapted)}, the net has {sorted(signals)}")
    if not set(net_programs(coordinated)) <= signals or not net_programs(coordinated):
        raise SystemExit(f"error: tlsCoordinator.py wrote no offsets for the net's signals:\n{output.strip()}")
    cycles = {sum(float(p.get("duration")) for p in logic.iter("phase")) for logic in adapted.values()}
    return [cycle_file, coordinated], "/".join(f"{c:g}" for c in sorted(cycles)), wall


def merged_net(work, net, additionals):
    """The net with each traffic light's program replaced by the last one the additional files give it
    (phases, then offsets), so that `itsc convert sumo`, which imports a net's first program, reads it."""
    phases, offsets = {}, {}
    for additional in additionals:
        for logic in ET.parse(additional).getroot().iter("tlLogic"):
            if logic.findall("phase"):
                phases[logic.get("id")] = logic
            offsets[logic.get("id")] = logic.get("offset", "0")

    def replace(match):
        logic_id = match.group(1)
        if logic_id not in phases:
            return match.group(0)
        logic = phases[logic_id]
        lines = [f'<tlLogic id="{logic_id}" type="{logic.get("type", "static")}" '
                 f'programID="{logic.get("programID")}" offset="{offsets[logic_id]}">']
        lines += [f'        <phase duration="{p.get("duration")}" state="{p.get("state")}"/>'
                  for p in logic.findall("phase")]
        return "\n".join(lines) + "\n    </tlLogic>"

    text = re.sub(r'<tlLogic id="([^"]+)".*?</tlLogic>', replace, open(net).read(), flags=re.S)
    path = os.path.join(work, "tools.net.xml")
    with open(path, "w") as out:
        out.write(text)
    return path


def plan_of(scenario, path):
    """A plan file of the scenario's own timing."""
    with open(path, "w") as out:
        out.write("schema_version: 1\n" + timing_block(scenario).rstrip("\n") + "\n")
    return path


def max_x(scenario, plan):
    """The largest closed-form degree of saturation of any lane group (`itsc analyze`)."""
    result = json.loads(run([ITSC, "analyze", scenario, "--json"] + (["--plan", plan] if plan else [])).stdout)
    return max(group["degree_of_saturation"] for signal in result["signals"] for group in signal["lane_groups"])


def optimize_plan(work, scenario, time_limit, extra):
    """libitsc's plan (`itsc optimize --quiet --threads 2`) and the SUMO programs exported from it."""
    plan = os.path.join(work, "optimized.yaml")
    command = [ITSC, "optimize", scenario, "--quiet", "--threads", "2", "--json", "-o", plan]
    if time_limit:
        command += ["--time-limit", f"{time_limit:g}"]
    start = time.perf_counter()
    summary = json.loads(run(command + extra).stdout)
    wall = time.perf_counter() - start
    additional = os.path.join(work, "optimized.add.xml")
    run([ITSC, "export", "sumo", "--scenario", scenario, "--plan", plan, "-o", additional])
    cycles = {float(c) for c in re.findall(r"^    cycle_s: ([0-9.]+)$", open(plan).read(), flags=re.M)}
    return plan, additional, "/".join(f"{c:g}" for c in sorted(cycles)), wall, summary


def optimize_mode(work, net, routes, args):
    """Subcommand `optimize`: (a) the net's programs, (b) SUMO's tools, (c) libitsc's plan, all in SUMO."""
    scenario, factor = convert(work, net, routes, args.begin, args.end, args.interval, args.running_speed)
    cycle_of = lambda path: "/".join(f"{c:g}" for c in sorted(
        {sum(float(p.get("duration")) for p in logic.iter("phase")) for logic in net_programs(path).values()}))
    plans = [{"name": "(a) net's programs", "additional": None, "plan": None, "cycle": cycle_of(net), "wall": None}]

    tools, cycle, wall = sumo_tools_plan(work, net, routes, args.begin, factor,
                                         shlex.split(args.cycle_adaptation_args))
    tools_scenario, _ = convert(work, merged_net(work, net, tools), routes, args.begin, args.end, args.interval,
                                "limit", name="tools")
    plans.append({"name": "(b) tlsCycleAdaptation + tlsCoordinator", "additional": ",".join(tools),
                  "plan": plan_of(tools_scenario, os.path.join(work, "tools_plan.yaml")), "cycle": cycle, "wall": wall})

    plan, additional, cycle, wall, summary = optimize_plan(work, scenario, args.time_limit,
                                                           shlex.split(args.optimize_args))
    plans.append({"name": "(c) itsc optimize", "additional": additional, "plan": plan, "cycle": cycle, "wall": wall})
    print(f"itsc optimize: {summary['evaluations']} plans in {summary['wall_time_s']:.1f} s, stopped: "
          f"{summary['stop_reason']}, largest X {summary['max_degree_of_saturation']:.3f}"
          + ("" if summary["degree_of_saturation_met"] else " (above --max-x)")
          + (", kept the scenario's plan" if summary["kept_scenario_plan"] else ""))

    seeds = [int(seed) for seed in args.seeds.split(",")] if args.seeds else []
    for entry in plans:
        entry["sumo"] = run_sumo(work, net, routes, entry["additional"], args.begin, args.end)
        entry["itsc"] = run_itsc(scenario, entry["plan"])
        entry["max_x"] = max_x(scenario, entry["plan"])
        entry["seeds"] = [run_sumo(work, net, routes, entry["additional"], args.begin, args.end, seed)
                          for seed in seeds]

    flow = f", {args.flow:g} veh/h per entry" if args.network else ""
    print(f"\n{os.path.basename(net)}{flow}: SUMO (seed 42) under three plans")
    header = (f"{'plan':42}{'SUMO delay':>12}{'SUMO travel':>13}{'throughput':>12}{'libitsc delay':>15}"
              f"{'max X':>8}{'cycle s':>9}{'planning wall s':>17}")
    print(header + f"\n{'':42}{'s/veh':>12}{'time s':>13}{'veh':>12}{'s/veh':>15}")
    for entry in plans:
        sumo, itsc = entry["sumo"], entry["itsc"]
        wall = f"{entry['wall']:.2f}" if entry["wall"] is not None else "-"
        print(f"{entry['name']:42}{sumo['delay_s']:12.2f}{sumo['travel_time_s']:13.2f}{sumo['throughput']:12d}"
              f"{itsc['delay_s']:15.2f}{entry['max_x']:8.3f} {entry['cycle']:>8}{wall:>17}")
    if any(e["sumo"]["loaded"] not in (None, e["sumo"]["throughput"]) or e["sumo"]["teleports"] for e in plans):
        print("not all vehicles arrived (SUMO's delay and travel time are over those that did): "
              + ", ".join(f"{e['name'][:3]} {e['sumo']['throughput']} of {e['sumo']['loaded']} loaded, "
                          f"{e['sumo']['teleports']} teleports" for e in plans))
    b, c = plans[1]["sumo"]["delay_s"], plans[2]["sumo"]["delay_s"]
    print(f"\nSUMO delay (c)/(b) = {c / b:.3f}" if b else "\nSUMO delay of (b) is 0")
    if seeds:
        print(f"\nSUMO, mean over seeds {args.seeds}")
        print(f"{'plan':42}{'SUMO delay':>12}{'SUMO travel':>13}{'throughput':>12}{'delay per seed':>40}")
        means = []
        for entry in plans:
            runs = entry["seeds"]
            mean = {key: sum(r[key] for r in runs) / len(runs) for key in ("delay_s", "travel_time_s", "throughput")}
            means.append(mean["delay_s"])
            each = " / ".join(f"{r['delay_s']:.2f}" for r in runs)
            print(f"{entry['name']:42}{mean['delay_s']:12.2f}{mean['travel_time_s']:13.2f}{mean['throughput']:12.1f}"
                  f"{each:>40}")
        print(f"\nSUMO delay (c)/(b), means over seeds {args.seeds} = {means[2] / means[1]:.3f}")


def main():
    sys.stdout.reconfigure(line_buffering=True)  # in order with the error messages on stderr
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["run", "scenario", "grid", "corridor", "optimize"])
    parser.add_argument("--scenario", help="scenario: the libitsc scenario file")
    parser.add_argument("network", nargs="?", choices=["grid", "corridor"], help="optimize: the generated network")
    parser.add_argument("--net")
    parser.add_argument("--routes")
    parser.add_argument("--plan")
    parser.add_argument("--begin", type=float, default=0)
    parser.add_argument("--end", type=float, default=4500)
    parser.add_argument("--interval", type=float, default=900)
    parser.add_argument("--flow", type=float, default=300, help="veh/h per entry (generated networks)")
    parser.add_argument("--plans", action="store_true", help="also rank three plans by mean delay")
    parser.add_argument("--links", action="store_true",
                        help="also compare the volume on each link with SUMO's routes (GEH); routes with edges needed")
    parser.add_argument("--running-speed", choices=["sumo", "limit"], default="sumo",
                        help="libitsc's free-flow speed: SUMO's measured running speed (default) or the speed limit")
    parser.add_argument("--time-limit", type=float, help="optimize: passed to itsc optimize (s)")
    parser.add_argument("--seeds", help="optimize: also run SUMO with each of these seeds (e.g. 1,2,3) and average")
    parser.add_argument("--optimize-args", default="", help="optimize: further options for itsc optimize (--optimize-args='...')")
    parser.add_argument("--keep", action="store_true", help="keep the intermediate files and print where")
    parser.add_argument("--cycle-adaptation-args", default="", help="optimize: further options for tlsCycleAdaptation.py (--cycle-adaptation-args='...')")
    args = parser.parse_args()
    if args.mode != "optimize" and args.network is not None:
        parser.error("only optimize takes a generated network (grid or corridor)")
    if args.mode == "optimize" and (args.network is None) == (args.net is None or args.routes is None):
        parser.error("optimize needs a generated network (grid or corridor) or --net and --routes")
    if args.seeds and not re.fullmatch(r"\d+(,\d+)*", args.seeds):
        parser.error("--seeds takes integers separated by commas, e.g. 1,2,3")
    if args.mode == "run" and (not args.net or not args.routes):
        parser.error("run needs --net and --routes")
    if args.mode == "scenario" and not args.scenario:
        parser.error("scenario needs --scenario")
    ensure_sumo()
    sumo_home()
    work = tempfile.mkdtemp(prefix="itsc_sumo_compare_")
    try:
        if args.mode == "scenario":
            net = routes = None
        elif args.mode == "run" or (args.mode == "optimize" and args.net):
            net, routes = os.path.abspath(args.net), os.path.abspath(args.routes)
        else:
            net, routes = generate(work, args.network or args.mode, args.flow)
        if args.mode == "scenario":
            scenario_mode(work, args)
        elif args.mode == "optimize":
            optimize_mode(work, net, routes, args)
        else:
            compare_plans(work, net, routes, args)
    except BaseException:
        print(f"intermediate files kept in {work}", file=sys.stderr)
        raise
    if args.keep:
        print(f"intermediate files kept in {work}", file=sys.stderr)
    else:
        shutil.rmtree(work)


def route_edge_counts(routes, begin, end):
    """Vehicles over each edge, from the routes of the vehicles departing in [begin, end) (their own routes or
    named ones; trips SUMO routes itself are not counted)."""
    root = ET.parse(routes).getroot()
    named = {route.get("id"): route.get("edges", "").split() for route in root.findall("route")}
    counts = {}
    for vehicle in root.iter("vehicle"):
        if not begin <= float(vehicle.get("depart", 0)) < end:
            continue
        route = vehicle.find("route")
        edges = route.get("edges").split() if route is not None else named.get(vehicle.get("route"), [])
        for edge in edges:
            counts[edge] = counts.get(edge, 0) + 1
    return counts


def compare_links(work, net, routes, scenario, begin, end):
    """Each link that reaches a signal: its volume (SUMO's routes against libitsc's arrivals at its stop
    line, GEH) and its delay per vehicle (SUMO's time loss on the edge, from --edgedata-output, against
    libitsc's delay of the approach's movements)."""
    sumo = route_edge_counts(routes, begin, end)
    edges = os.path.join(work, "edgedata.xml")
    run(["sumo", "-n", net, "-r", routes, "--begin", str(begin), "--end", str(end), "--no-step-log", "--seed", "42",
         "--edgedata-output", edges])
    sumo_delay = {}
    for edge in ET.parse(edges).getroot().iter("edge"):
        vehicles = float(edge.get("entered", 0)) + float(edge.get("departed", 0))
        if vehicles > 0:
            sumo_delay[edge.get("id")] = float(edge.get("timeLoss", 0)) / vehicles
    result = json.loads(run([ITSC, "simulate", scenario, "--json"]).stdout)
    itsc, itsc_delay_veh_s = {}, {}
    for intersection in result["intersections"]:
        for group in intersection["lane_groups"]:
            for movement in group["movements"]:
                link = movement["id"].split("->")[0]
                itsc[link] = itsc.get(link, 0) + movement["arrivals_veh"]
                itsc_delay_veh_s[link] = itsc_delay_veh_s.get(link, 0) + movement["delay_s_per_veh"] * movement["arrivals_veh"]
    hours = (end - begin) / 3600
    rows = []
    for link, modelled in itsc.items():
        counted = sumo.get(link, 0)
        m, c = modelled / hours, counted / hours  # GEH takes hourly flows
        geh = math.sqrt(2 * (m - c) ** 2 / (m + c)) if m + c > 0 else 0
        rows.append((geh, link, counted, modelled))
    rows.sort(reverse=True)
    within = sum(1 for geh, *_ in rows if geh < 5)
    error = sum(abs(m - c) for _, _, c, m in rows) / max(sum(c for _, _, c, _ in rows), 1)
    print(f"\nlink volumes (links to a signal): {len(rows)} links, GEH < 5 on {100 * within / max(len(rows), 1):.0f}%, "
          f"total absolute difference {100 * error:.1f}% of the volume")
    for geh, link, counted, modelled in rows[:5]:
        print(f"  {link:>16}: SUMO {counted:6.0f}, libitsc {modelled:8.1f} (GEH {geh:.1f})")
    pairs = [(sumo_delay[link], itsc_delay_veh_s[link] / itsc[link]) for link in itsc if link in sumo_delay and itsc[link] > 0]
    if len(pairs) > 1:
        mean_s = sum(a for a, _ in pairs) / len(pairs)
        mean_i = sum(b for _, b in pairs) / len(pairs)
        cov = sum((a - mean_s) * (b - mean_i) for a, b in pairs)
        spread = math.sqrt(sum((a - mean_s) ** 2 for a, _ in pairs) * sum((b - mean_i) ** 2 for _, b in pairs))
        absolute = sum(abs(b - a) for a, b in pairs) / len(pairs)
        print(f"approach delay per vehicle: {len(pairs)} links, mean SUMO {mean_s:.1f} s, libitsc {mean_i:.1f} s, "
              f"mean absolute difference {absolute:.1f} s, correlation {cov / spread if spread else 0:.2f}")


def scenario_mode(work, args):
    """Subcommand scenario: any libitsc scenario against SUMO on the SUMO scenario it exports."""
    scenario = os.path.abspath(args.scenario)
    folder = os.path.join(work, "sumo")
    run([ITSC, "export", "sumo", "--scenario", scenario, "--network", "-o", folder]
        + (["--plan", os.path.abspath(args.plan)] if args.plan else []))
    name = os.path.splitext(os.path.basename(scenario))[0]
    run(["netconvert", "-c", f"{name}.netccfg"], cwd=folder)
    duration = float(json.loads(run([ITSC, "info", scenario, "--json"]).stdout).get("duration_s", 3600))
    net, routes = os.path.join(folder, f"{name}.net.xml"), os.path.join(folder, f"{name}.rou.xml")
    sumo = run_sumo(work, net, routes, None, 0, duration + 900)
    itsc = run_itsc(scenario, args.plan and os.path.abspath(args.plan))
    print(f"\n{os.path.basename(scenario)}, " + (args.plan or "its own plans") + f" (SUMO run to {duration + 900:.0f} s)")
    print(f"{'':24}{'SUMO':>12}{'libitsc':>12}{'difference':>12}")
    for key, label in [("travel_time_s", "mean travel time (s)"), ("delay_s", "mean delay (s)"),
                       ("throughput", "throughput (veh)"), ("wall_s", "wall time (s)")]:
        a, b = sumo[key], itsc[key]
        print(f"{label:24}{a:12.2f}{b:12.2f}{(f'{100 * (b - a) / a:+.1f}%' if a else '-'):>12}")


def compare_plans(work, net, routes, args):
    """Subcommands run, grid and corridor."""
    label = f"{os.path.basename(net)}, {os.path.basename(routes)}, " + (args.plan or "the net's own programs")
    scenario, _ = convert(work, net, routes, args.begin, args.end, args.interval, args.running_speed)
    compare(work, net, routes, scenario, args.plan and os.path.abspath(args.plan), args.begin, args.end, label)
    if args.links:
        compare_links(work, net, routes, scenario, args.begin, args.end)
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


if __name__ == "__main__":
    sys.exit(main())
