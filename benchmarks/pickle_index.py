#!/usr/bin/env python3
"""Times pickling an authorization index and a validator against loading the CSV they came from.

    /usr/bin/python3 benchmarks/pickle_index.py --build build/test [--members 45000] [--runs 5]

Writes an authorization export with the build's authmatch-synth (`--members 45000`: about
81,000 rows, the index a Dask or multiprocessing job ships to each worker; fixed seed), then,
best of --runs each:
  load       authmatch.load_authorizations(csv)
  dumps      pickle.dumps(index), and of a Validator over it (highest protocol)
  loads      pickle.loads of those bytes
and prints the CSV's size and the pickles' sizes. Before timing, the unpickled index is checked
row for row against the loaded one, so a fast wrong answer fails. Targets: a pickle of at most
3 MB, at most 0.2 s each way.
"""

import argparse
import os
import pathlib
import pickle
import subprocess
import sys
import tempfile
import time


def best_of(runs: int, call) -> tuple:
    """The fastest of `runs` calls, in seconds, and the last call's result."""
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=pathlib.Path, default=pathlib.Path("build/test"))
    parser.add_argument("--members", type=int, default=45000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(args.build / "python"))
    import authmatch

    with tempfile.TemporaryDirectory() as work:
        auths = pathlib.Path(work) / "auths.csv"
        subprocess.run([args.build / "src" / "synth" / "authmatch-synth", "--claims", "1",
                        "--members", str(args.members), "--seed", "1", "-o", os.devnull,
                        "--auths-out", auths], check=True, capture_output=True)
        load, index = best_of(args.runs, lambda: authmatch.load_authorizations(auths))
        validator = authmatch.Validator(index)
        protocol = pickle.HIGHEST_PROTOCOL
        assert list(pickle.loads(pickle.dumps(index, protocol))) == list(index), "rows differ"

        print(f"{len(index):,} authorization rows; CSV {auths.stat().st_size / 1e6:.2f} MB; "
              f"best of {args.runs}")
        print(f"  load_authorizations       {load:.3f} s")
        for name, obj in (("index", index), ("validator", validator)):
            dumps, data = best_of(args.runs, lambda: pickle.dumps(obj, protocol))
            loads, again = best_of(args.runs, lambda: pickle.loads(data))
            assert len(again.index if name == "validator" else again) == len(index)
            print(f"  {name:<10} pickle {len(data) / 1e6:5.2f} MB  dumps {dumps:.3f} s  "
                  f"loads {loads:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
