#!/usr/bin/env python3
"""Times validating one generated batch from Python against the authmatch command.

    /usr/bin/python3 benchmarks/python_vs_cli.py --build build/test [--claims 200000]

Generates (fixed seed) an authorization export and the same claims as an 837P file and as a
claim-lines CSV: with the build's authmatch-synth when it is there, else with a small generator
below. --837 names an existing 837 to time instead.
Then, best of --runs rounds, each round timing every one in turn:
  cli        authmatch validate --format jsonl -o /dev/null  (the whole command: load, read,
             judge, write every finding)
  validate   Validator.validate_837 / validate_csv, then every finding turned into a Python
             Finding (list(report))
  iter       for finding in Validator.iter_837 / iter_csv
Python's time includes loading the authorizations and rules, as the command's does, but not
starting the interpreter. Before timing, the findings of each Python path are checked against
the command's JSON Lines, so a fast wrong answer fails. The ratio python/cli is printed; the
target is below 1.2.
"""

import argparse
import datetime
import decimal
import json
import os
import pathlib
import random
import subprocess
import sys
import tempfile
import time

CODES = ["97110", "97140", "97530", "97112"]


def synthesize(synth: pathlib.Path, claims: int, directory: pathlib.Path) -> dict:
    """authmatch-synth's 837P, its authorizations and the same claims as claim-lines CSV."""
    files = {name: directory / name for name in ("auths.csv", "rules.csv", "claims.x12", "claims.csv")}
    subprocess.run([synth, "--kind", "837P", "--claims", str(claims), "--seed", "1",
                    "-o", files["claims.x12"], "--auths-out", files["auths.csv"],
                    "--lines-out", files["claims.csv"]], check=True, capture_output=True)
    files["rules.csv"].write_text("payer_id,code,requires_auth\n*,*,yes\n")
    return files


def generate(claims: int, directory: pathlib.Path, seed: int = 20260901) -> dict:
    """Authorizations, rules, and the same claims as 837P and claim-lines CSV."""
    rng = random.Random(seed)
    members = max(1, claims // 10)
    start = datetime.date(2026, 9, 1)
    auths = ["auth_number,status,payer_id,member_id,code,units,units_used,effective_date,"
             "expiration_date,place_of_service"]
    for m in range(members):
        status = "pending" if m % 97 == 0 else "approved"
        for code in CODES[:2]:
            auths.append(f"PA{m:07},{status},61101,M{m:07},{code},{rng.randint(8, 40)},0,"
                         f"2026-09-01,2026-12-31,11")
    (directory / "auths.csv").write_text("\n".join(auths) + "\n")
    (directory / "rules.csv").write_text("payer_id,code,requires_auth\n*,*,no\n*,97*,yes\n")

    isa = ("ISA*00*" + " " * 10 + "*00*" + " " * 10 + "*ZZ*" + "SUBMITTER".ljust(15) + "*ZZ*"
           + "RECEIVER".ljust(15) + "*260901*1200*^*00501*000000001*0*T*:")
    body = ["BHT*0019*00*B1*20260901*1200*CH", "NM1*41*2*CLINIC*****46*S1",
            "NM1*40*2*PAYER*****46*R1", "HL*1**20*1", "NM1*85*2*CLINIC*****XX*1234567893"]
    rows = ["claim_id,line,member_id,payer_id,auth_number,code,units,service_date,billing_npi,"
            "rendering_npi,place_of_service,diagnosis_codes,charge"]
    hl = 1
    for c in range(claims):
        member = rng.randrange(members)
        hl += 1
        day = start + datetime.timedelta(days=rng.randrange(150))  # some after the window
        number = "" if rng.random() < 0.1 else f"PA{member:07}"
        pos = "22" if rng.random() < 0.03 else "11"
        body += [f"HL*{hl}*1*22*0", "SBR*P*18*******CI", f"NM1*IL*1*DOE*PAT****MI*M{member:07}",
                 "NM1*PR*2*PAYER*****PI*61101", f"CLM*K{c:07}*100***{pos}:B:1*Y*A*Y*Y"]
        if number:
            body.append(f"REF*G1*{number}")
        body.append("HI*ABK:M5450")
        for line in range(1, rng.randint(1, 3) + 1):
            code = CODES[rng.randrange(3)]
            units = rng.randint(1, 4)
            body += [f"LX*{line}", f"SV1*HC:{code}*50*UN*{units}***1", f"DTP*472*D8*{day:%Y%m%d}"]
            rows.append(f"K{c:07},{line},M{member:07},61101,{number},{code},{units},{day},"
                        f"1234567893,1234567893,{pos},M5450,50.00")
    segments = [isa, "GS*HC*SUBMITTER*RECEIVER*20260901*1200*1*X*005010X222A1",
                "ST*837*0001*005010X222A1", *body, f"SE*{len(body) + 2}*0001", "GE*1*1",
                "IEA*1*000000001"]
    (directory / "claims.x12").write_text("~\n".join(segments) + "~\n")
    (directory / "claims.csv").write_text("\n".join(rows) + "\n")
    return {name: directory / name for name in ("auths.csv", "rules.csv", "claims.x12", "claims.csv")}


def best_in_turns(runs: int, timed: dict) -> dict:
    """The best time of each function over `runs` rounds, each round calling every function once
    in turn: a slow spell of the machine then slows them all, not one."""
    best = {name: float("inf") for name in timed}
    for _ in range(runs):
        for name, fn in timed.items():
            started = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def as_json(finding) -> dict:
    return {k: v.isoformat() if isinstance(v, datetime.date) else v
            for k, v in finding.to_dict().items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=pathlib.Path, default=pathlib.Path("build/test"),
                        help="build directory holding python/ and src/cli/authmatch")
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--837", dest="x12", type=pathlib.Path,
                        help="an existing 837 to time instead of the generated one")
    parser.add_argument("--auths", type=pathlib.Path, help="authorizations for --837")
    parser.add_argument("--rules", type=pathlib.Path, help="rules for --837")
    args = parser.parse_args()
    sys.path.insert(0, str(args.build / "python"))
    import authmatch

    cli = args.build / "src" / "cli" / "authmatch"
    with tempfile.TemporaryDirectory(prefix="authmatch-bench-") as scratch:
        synth = args.build / "src" / "synth" / "authmatch-synth"
        if synth.exists():
            files = synthesize(synth, args.claims, pathlib.Path(scratch))
            print(f"generated by {synth}")
        else:
            files = generate(args.claims, pathlib.Path(scratch))
        if args.x12:
            files.update({"claims.x12": args.x12, "auths.csv": args.auths or files["auths.csv"],
                          "rules.csv": args.rules or files["rules.csv"]})
            del files["claims.csv"]
        sizes = {k: os.path.getsize(v) for k, v in files.items()}
        print(f"input: {args.claims} claims; " + ", ".join(f"{k} {v / 1e6:.1f} MB"
                                                         for k, v in sizes.items()))

        def run_cli(claims, output="/dev/null"):
            return subprocess.run([cli, "validate", "--auths", files["auths.csv"], "--rules",
                                   files["rules.csv"], "--format", "jsonl", "-o", output, claims],
                                  capture_output=True, text=True)

        def validator():
            return authmatch.Validator(authmatch.load_authorizations(files["auths.csv"]),
                                       authmatch.load_rules(files["rules.csv"]))

        worst = 0.0
        for kind in ("claims.x12", "claims.csv"):
            if kind not in files:
                continue
            claims = files[kind]
            validate, iterate = (("validate_837", "iter_837") if kind == "claims.x12"
                                 else ("validate_csv", "iter_csv"))
            reference = pathlib.Path(scratch) / "cli.jsonl"
            result = run_cli(claims, reference)
            cli_runs = result.returncode in (0, 1)
            if not cli_runs:
                print(f"{kind}: the command cannot validate it ({result.stderr.strip()}); "
                      "Python only")
            else:
                want = [json.loads(line, parse_float=decimal.Decimal)
                        for line in reference.read_text().splitlines()]
                report = getattr(validator(), validate)(claims)
                assert [as_json(f) for f in report] == want, \
                    f"{kind}: Python's findings differ from the command's"
                del want
            report = getattr(validator(), validate)(claims)
            streamed = sorted(repr(f.to_dict()) for f in getattr(validator(), iterate)(claims))
            assert streamed == sorted(repr(f.to_dict()) for f in report), \
                f"{kind}: the stream's findings differ from the list's"
            count = len(report)
            del report, streamed  # timed on a heap as fresh as the command's
            timed = {
                "validate": lambda: list(getattr(validator(), validate)(claims)),
                "iter": lambda: sum(1 for _ in getattr(validator(), iterate)(claims)),
            }
            if cli_runs:
                timed["cli"] = lambda: run_cli(claims)
            timings = best_in_turns(args.runs, timed)
            cli_time = timings.pop("cli", None)
            line = f"{kind}: {count} findings; "
            if cli_time is not None:
                line += f"cli {cli_time:.3f} s; "
            for name, seconds in timings.items():
                line += f"python {name} {seconds:.3f} s"
                if cli_time is not None:
                    ratio = seconds / cli_time
                    worst = max(worst, ratio)
                    line += f" ({ratio:.2f}x)"
                line += "; "
            print(line.rstrip("; "))
        if worst:
            print(f"worst python/cli ratio {worst:.2f} (target < 1.2)")
        return 0 if worst < 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
