"""authmatch.dask against one process: the same batch, the same report, and the time each takes.

Writes a generated 837P of --claims claims and its authorizations (authmatch-synth), splits it
into --files files at transaction boundaries (each with its own envelope), then times
  one process:  Validator(...).validate(*files)
  Dask:         authmatch.dask.validate(files, auths, client=Client(LocalCluster(--workers)))
and checks that both reports are equal. Each is timed --runs times; the medians are printed, with
the first Dask run (which loads the authorizations on every worker) apart.

usage: /usr/bin/python3 benchmarks/dask_scale_out.py [--build DIR] [--claims N] [--files N]
                                                     [--workers N] [--runs N] [--dir DIR]
                                                     [--problem-share P]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="build/test", help="build tree (default build/test)")
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--problem-share", help="authmatch-synth --problem-share (default: its "
                        "dense mix; 0.05 for a realistic batch)")
    parser.add_argument("--dir", help="where to write the files (default: a temporary folder)")
    args = parser.parse_args()

    build = pathlib.Path(args.build).resolve()
    sys.path.insert(0, str(build / "python"))
    os.environ["PYTHONPATH"] = str(build / "python")  # for the workers
    import authmatch
    import authmatch.dask
    import distributed

    with tempfile.TemporaryDirectory() as scratch:
        work = pathlib.Path(args.dir or scratch)
        work.mkdir(parents=True, exist_ok=True)
        whole, auths = work / "batch.837", work / "auths.csv"
        if not whole.exists():
            share = ["--problem-share", args.problem_share] if args.problem_share else []
            subprocess.run([build / "src/synth/authmatch-synth", "--claims", str(args.claims),
                            "--seed", "5", "-o", whole, "--auths-out", auths,
                            "--claims-per-transaction", "2500", *share], check=True)
        files = split(whole, args.files, work)
        size = sum(f.stat().st_size for f in files)
        print(f"{args.claims:,} claims, {size / 1e6:.1f} MB of 837P in {len(files)} files; "
              f"{args.workers} workers")

        def one_process() -> authmatch.Report:
            validator = authmatch.Validator(authmatch.load_authorizations(auths))
            return validator.validate(*files)

        expected, alone = timed(one_process, args.runs)
        print(f"one process:  median {statistics.median(alone):.2f} s  "
              f"({size / 1e6 / statistics.median(alone):.0f} MB/s)  runs {fmt(alone)}")

        with distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                      processes=True, dashboard_address=None,
                                      host="127.0.0.1") as cluster, \
                distributed.Client(cluster) as client:
            def on_cluster() -> authmatch.Report:
                return authmatch.dask.validate(files, auths, client=client)

            found, runs = timed(on_cluster, args.runs + 1)
            warm = runs[1:]
            print(f"Dask:         median {statistics.median(warm):.2f} s  "
                  f"({size / 1e6 / statistics.median(warm):.0f} MB/s)  runs {fmt(warm)}; "
                  f"first run {runs[0]:.2f} s")
            print(f"ratio Dask / one process: {statistics.median(warm) / statistics.median(alone):.2f}")
        same = (len(found) == len(expected) and found.summary == expected.summary
                and all(a == b for a, b in zip(found, expected)))
        print(f"{len(expected):,} findings; reports equal: {same}")
        if not same:
            sys.exit(1)


def timed(fn, runs: int):
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return result, seconds


def fmt(seconds: list[float]) -> str:
    return " ".join(f"{s:.2f}" for s in seconds)


def split(whole: pathlib.Path, count: int, work: pathlib.Path) -> list[pathlib.Path]:
    """The 837's transactions (ST..SE) dealt into `count` files in order, each in the
    interchange and group envelope of the original with its counts set."""
    text = whole.read_text()
    terminator = text[105]
    element = text[3]
    segments = [s.strip("\r\n") for s in text.split(terminator) if s.strip("\r\n")]
    isa, gs = segments[0], segments[1]
    transactions, current = [], []
    for segment in segments[2:]:
        if segment.startswith("ST" + element):
            current = []
        current.append(segment)
        if segment.startswith("SE" + element):
            transactions.append(current)
    ge = next(s for s in segments if s.startswith("GE" + element)).split(element)
    iea = next(s for s in segments if s.startswith("IEA" + element)).split(element)
    files = []
    for i in range(count):
        mine = transactions[len(transactions) * i // count:len(transactions) * (i + 1) // count]
        body = [isa, gs] + [s for t in mine for s in t]
        body.append(element.join(["GE", str(len(mine)), ge[2]]))
        body.append(element.join(["IEA", "1", iea[2]]))
        path = work / f"part-{i}.837"
        path.write_text(terminator.join(body) + terminator + "\n")
        files.append(path)
    return files


if __name__ == "__main__":
    main()
