"""Shared fixtures of the Python bindings' tests.

Run by ctest (see tests.cmake), which puts the build tree's package on PYTHONPATH and says where
the sources, the build and the command are.
"""

import datetime
import os
import pathlib
import threading
import time

import pytest

import authmatch

SOURCE_DIR = pathlib.Path(os.environ.get("AUTHMATCH_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
EXAMPLES = SOURCE_DIR / "examples" / "data"


@pytest.fixture(scope="session")
def examples() -> pathlib.Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def example_index() -> authmatch.AuthorizationIndex:
    return authmatch.load_authorizations(EXAMPLES / "authorizations.csv")


@pytest.fixture(scope="session")
def example_rules() -> authmatch.Rules:
    return authmatch.load_rules(EXAMPLES / "rules.csv")


@pytest.fixture(scope="session")
def example_validator(example_index, example_rules) -> authmatch.Validator:
    return authmatch.Validator(example_index, example_rules)


def auth_row(**overrides) -> dict:
    """An approved authorization for 12 units of 97110, September to November 2026."""
    row = {
        "auth_number": "PT1",
        "status": "approved",
        "payer_id": "61101",
        "member_id": "M1",
        "code": "97110",
        "units": 12,
        "effective_date": datetime.date(2026, 9, 1),
        "expiration_date": datetime.date(2026, 11, 30),
    }
    row.update(overrides)
    return row


def claim_line(**overrides) -> dict:
    """One unit of 97110 for member M1 on 2026-09-08, carrying authorization PT1."""
    line = {
        "claim_id": "C1",
        "line": 1,
        "member_id": "M1",
        "payer_id": "61101",
        "auth_number": "PT1",
        "code": "97110",
        "units": 1,
        "service_date": datetime.date(2026, 9, 8),
        "charge": "55.00",
    }
    line.update(overrides)
    return line


@pytest.fixture
def validator() -> authmatch.Validator:
    """A validator over the single authorization of auth_row(), without rules."""
    return authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]))


def kinds(findings) -> list:
    return [f.kind for f in findings]


def claims_csv(count: int, service_date: str = "2026-09-08") -> bytes:
    """A claim-lines CSV of `count` one-line claims in the shape of claim_line()."""
    rows = ["claim_id,line,member_id,payer_id,auth_number,code,units,service_date,charge"]
    rows += [f"C{n},1,M1,61101,PT1,97110,1,{service_date},55.00" for n in range(count)]
    return ("\n".join(rows) + "\n").encode()


def professional_claim(claim_id: str = "C1", service_date: str = "20260908", units: str = "1",
                       auth_number: str | None = "PT1") -> list:
    """The segments of one 837P claim with one 97110 line (the shape of claim_line())."""
    return [f"CLM*{claim_id}*55***11:B:1*Y*A*Y*Y",
            *([f"REF*G1*{auth_number}"] if auth_number else []),
            "HI*ABK:M5450",
            "LX*1",
            f"SV1*HC:97110:GP*55*UN*{units}*11**1",
            f"DTP*472*D8*{service_date}"]


def professional_837(claims: list) -> bytes:
    """A whole 837P interchange: subscriber M1 of payer 61101 and the given claims' segments."""
    body = ["BHT*0019*00*B1*20260901*1200*CH",
            "NM1*41*2*CLINIC*****46*S1",
            "NM1*40*2*PAYER*****46*R1",
            "HL*1**20*1",
            "NM1*85*2*CLINIC*****XX*1234567893",
            "HL*2*1*22*0",
            "SBR*P*18*******CI",
            "NM1*IL*1*DOE*JANE****MI*M1",
            "NM1*PR*2*PAYER*****PI*61101"]
    for claim in claims:
        body += claim
    isa = ("ISA*00*" + " " * 10 + "*00*" + " " * 10 + "*ZZ*" + "SUBMITTER".ljust(15) + "*ZZ*"
           + "RECEIVER".ljust(15) + "*260901*1200*^*00501*000000001*0*T*:")
    segments = [isa, "GS*HC*SUBMITTER*RECEIVER*20260901*1200*1*X*005010X222A1",
                "ST*837*0001*005010X222A1", *body, f"SE*{len(body) + 2}*0001", "GE*1*1",
                "IEA*1*000000001"]
    return ("~\n".join(segments) + "~\n").encode()


def ticks_during(call) -> int:
    """How often this thread ran (about every millisecond) while call() ran on another thread.

    A native call that holds the GIL leaves this thread one or two ticks at most.
    """
    window = {}

    def timed():
        window["start"] = time.perf_counter()
        call()
        window["end"] = time.perf_counter()

    worker = threading.Thread(target=timed)
    worker.start()
    ticks = []
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    return len([t for t in ticks if window["start"] < t < window["end"]])


def remittance_835(claims: list, payer_id: str = "61101") -> bytes:
    """A whole 835 interchange of payer `payer_id` paying the given claims (each a CLP and its
    segments); the CLP of the first claim is segment 10."""
    body = ["BPR*I*0*C*NON************20261101",
            "TRN*1*EFT0001*1234567893",
            "DTM*405*20261101",
            f"N1*PR*TEST PAYER*XV*{payer_id}",
            "N1*PE*CLINIC*XX*1234567893",
            "LX*1"]
    for claim in claims:
        body += claim
    isa = ("ISA*00*" + " " * 10 + "*00*" + " " * 10 + "*ZZ*" + "PAYER".ljust(15) + "*ZZ*"
           + "CLINIC".ljust(15) + "*261101*1200*^*00501*000000001*0*T*:")
    segments = [isa, "GS*HP*PAYER*CLINIC*20261101*1200*1*X*005010X221A1",
                "ST*835*0001*005010X221A1", *body, f"SE*{len(body) + 2}*0001", "GE*1*1",
                "IEA*1*000000001"]
    return ("~\n".join(segments) + "~\n").encode()
