"""Validation on a Dask cluster, with the answers of one run.

    from distributed import Client
    import authmatch.dask

    client = Client("tcp://scheduler:8786")   # or Client(LocalCluster(n_workers=4))
    report = authmatch.dask.validate(
        ["practice1.837", "practice2.837", "lines.csv"], "authorizations.csv", "rules.csv",
        client=client)

The inputs are cut into partitions of whole files, in order. Each partition is read and judged
on a worker (Validator.judge_part): every check that depends on one line alone. What depends on
the whole batch (which copy of a claim counts once replacements and voids are seen, units and
visits consumed in date order per authorization) is settled once, on the client, over the
compact parts the workers return (Validator.join_parts), as they arrive. So the report, its
findings in input order and its summary are those of ``Validator.validate(*inputs)`` on one
machine. docs/scale-out.md says more, with figures.

Workers load the authorizations, rules, enrollment and payer profiles themselves, once per worker
process, from the paths given (which must name the same files on every worker), or from bytes
holding a file's contents, sent to each worker once. Inputs are paths or bytes likewise.

Needs the Debian packages python3-dask and python3-distributed; this module imports without them
and says so when called.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator, Sequence
from typing import Any, Union

from . import Ledger, Report, Validator, load_authorizations, load_enrollment
from . import load_payer_profiles, load_rules
from ._errors import InputError

__all__ = ["validate"]

Source = Union[str, "os.PathLike[str]", bytes]

_INSTALL_HINT = (
    "authmatch.dask needs Dask's distributed scheduler: "
    "apt install python3-dask python3-distributed")


def validate(inputs: Sequence[Source], auths: Source, rules: Source | None = None, *,
             client: Any = None, enrollment: Source | None = None,
             payer_profiles: Source | None = None,
             ledger: Ledger | str | os.PathLike[str] | None = None,
             partitions: int | None = None) -> Report:
    """Validates 837 and claim-lines CSV files on a Dask cluster; returns the Report of one run.

    ``inputs``: paths or bytes, in batch order (replacements and voids may sit in other files
    than their originals). ``auths``, ``rules``, ``enrollment``, ``payer_profiles``: paths (the
    same files on every worker) or bytes of the files. ``client``: a ``distributed.Client``,
    default the current one. ``ledger``: a Ledger or its path, read before and written once
    after, by the client. ``partitions``: how many tasks to cut the inputs into, each of whole
    files (default: one per input; at most one per input).
    """
    distributed = _distributed()
    if isinstance(inputs, (str, bytes, os.PathLike)):
        raise TypeError("authmatch.dask.validate: inputs is a list of paths or bytes, not one")
    inputs = list(inputs)
    if not inputs:
        raise TypeError("authmatch.dask.validate: expected at least one input")
    if client is None:
        try:
            client = distributed.get_client()
        except ValueError:
            raise ValueError("authmatch.dask.validate: no Dask client: pass client=, or create "
                             "one first (distributed.Client(...))") from None
    count = len(inputs) if partitions is None else partitions
    if not isinstance(count, int) or count < 1:
        raise ValueError(f"authmatch.dask.validate: partitions must be a positive int, got "
                         f"{partitions!r}")
    if isinstance(ledger, (str, os.PathLike)):
        ledger = Ledger(ledger)

    setup = _Setup(client, auths, rules, enrollment, payer_profiles)
    # Bytes go to the cluster once, apart from the tasks (which stay small).
    if any(isinstance(i, bytes) for i in inputs):
        shipped = iter(client.scatter([i for i in inputs if isinstance(i, bytes)], hash=False))
        inputs = [next(shipped) if isinstance(i, bytes) else i for i in inputs]
    # Submitted in input order; joined in that order as each part arrives.
    run = uuid.uuid4().hex
    futures = [client.submit(_judge_part, setup.shipped, group, key=f"authmatch-judge-{run}-{i}")
               for i, group in enumerate(_groups(inputs, count))]
    try:
        return setup.local_validator().join_parts(_results(futures), ledger=ledger)
    finally:
        client.cancel(futures)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as missing:
        raise ImportError(_INSTALL_HINT) from missing
    return distributed


def _groups(inputs: list[Source], count: int) -> Iterator[list[Source]]:
    """Consecutive groups of whole inputs, as equal in number as they can be."""
    count = min(count, len(inputs))
    for i in range(count):
        yield inputs[len(inputs) * i // count:len(inputs) * (i + 1) // count]


def _results(futures: list[Any]) -> Iterator[bytes]:
    """Each part in order, as soon as it is ready (released on the cluster when the run ends).

    Parts come straight from the worker that holds them (three times faster on loopback than
    through the scheduler); where the client cannot reach the workers, through the scheduler.
    """
    direct = True
    for future in futures:
        try:
            part = future.client.gather(future, direct=direct)
        except OSError:
            if not direct:
                raise
            direct = False
            part = future.client.gather(future, direct=False)
        yield part


class _Setup:
    """What every worker loads its Validator from: for each file, its path (with its size and
    time, so that a changed file is loaded again) or its bytes (scattered to every worker once).
    """

    def __init__(self, client: Any, auths: Source, rules: Source | None, enrollment: Source | None,
                 payer_profiles: Source | None) -> None:
        local, shipped = [], []
        names = ("auths", "rules", "enrollment", "payer_profiles")
        for name, source in zip(names, (auths, rules, enrollment, payer_profiles)):
            if source is None:
                local.append(None)
                shipped.append(None)
            elif isinstance(source, bytes):
                digest = hashlib.blake2b(source, digest_size=16).hexdigest()
                local.append(("bytes", digest, None, source))
                future = client.scatter(source, broadcast=True, hash=False)
                shipped.append(("bytes", digest, None, future))
            elif isinstance(source, (str, os.PathLike)):
                path = os.fspath(source)
                try:  # a missing file is reported here, before any task runs
                    stat = os.stat(path)
                except OSError as error:
                    raise InputError(f"cannot open: {error.strerror}", file=path) from None
                local.append(("path", path, (stat.st_size, stat.st_mtime_ns), None))
                shipped.append(local[-1])
            else:
                raise TypeError(f"authmatch.dask.validate: {name} is a path or bytes, got "
                                f"{type(source).__name__}")
        self.local, self.shipped = tuple(local), tuple(shipped)

    def local_validator(self) -> Validator:
        return _validator_of(self.local)


# The validator of a process, kept for the next partition of the same files.
_loaded: dict[tuple[Any, ...], Validator] = {}


def _validator_of(spec: tuple[Any, ...]) -> Validator:
    key = tuple(None if entry is None else entry[:3] for entry in spec)
    found = _loaded.get(key)
    if found is None:
        auths, rules, enrollment, profiles = (
            None if entry is None else entry[3] if entry[0] == "bytes" else entry[1]
            for entry in spec)
        found = Validator(
            load_authorizations(auths),
            load_rules(rules) if rules is not None else None,
            enrollment=load_enrollment(enrollment) if enrollment is not None else None,
            payer_profiles=load_payer_profiles(profiles) if profiles is not None else None)
        _loaded.clear()
        _loaded[key] = found
    return found


def _judge_part(spec: tuple[Any, ...], inputs: list[Source]) -> bytes:
    """A worker's task: one partition read and judged into a part."""
    return _validator_of(spec).judge_part(*inputs)
