#!/usr/bin/env python3
"""Runs a command and samples its CPU time and resident memory every few milliseconds (Linux /proc),
so that a benchmark can tell CPU time and peak RSS per phase of a process that reports only the wall
time of its phases (docs/benchmarks.md, "Whole process").

    sample_process.py TIMELINE.json -- COMMAND [ARG ...]

Writes {"startEpoch": s, "end": s, "cpu": s, "peakMb": MB, "samples": [[t, cpu, rssMb, peakMb], ...]}, the
times in seconds since the command started (startEpoch: then, in seconds since the epoch) (cpu: user + system of the process, all its threads;
rssMb: resident now; peakMb: the peak so far). The command must be one process (a launcher that
execs is fine). Exits with the command's exit code.
"""
import json
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
PERIOD = 0.005


def sample(pid):
    """(cpu seconds, rss MB, peak rss MB) of pid, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/status") as f:
            status = dict(line.split(":", 1) for line in f if ":" in line)
    except (FileNotFoundError, ProcessLookupError):
        return None
    # utime and stime are fields 14 and 15 of stat, 12 and 13 after the ")" of the command name.
    cpu = (int(fields[11]) + int(fields[12])) / TICK
    kib = lambda key: int(status.get(key, "0 kB").split()[0])
    return cpu, kib("VmRSS") / 1024, kib("VmHWM") / 1024


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    out, command = sys.argv[1], sys.argv[3:]
    start_epoch = time.time()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    samples = []
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        s = sample(pid)
        if s is not None:
            samples.append([time.perf_counter() - start, *s])
        time.sleep(PERIOD)
    end = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    peak = usage.ru_maxrss / 1024  # KiB on Linux
    samples.append([end, cpu, 0.0, peak])
    with open(out, "w") as f:
        json.dump({"startEpoch": start_epoch, "end": end, "cpu": cpu, "peakMb": peak, "samples": samples}, f)
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
