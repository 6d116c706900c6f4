"""Answers as plain data: exported from a student's kernel, rebuilt in the clean grading process.

The grader never judges a student's objects: an object can claim to equal anything (``__eq__``
returning ``True``), and a subclass of ``dict``, ``float`` or ``DataFrame`` can do the same while
looking right. Instead, :func:`export_line` (run *inside* the student's kernel) writes each answer
as canonical JSON, holding only the data: exact built-in scalars, containers read through the
built-in types' own methods (a subclass's overrides are never called), numpy scalars and arrays,
and pandas tables as their index, columns, dtypes and values. :func:`decode` rebuilds them, in the
grading process, as fresh objects of exact built-in, numpy and pandas types, which the hidden tests
then compare with values they compute themselves.

What the student's kernel prints is untrusted: it may have patched this very module. That is
harmless, because whatever it prints can only *claim* answers, and a claimed answer scores only if
it is right. :func:`decode` therefore checks every tag, dtype and size, and refuses the rest.

Example:
    >>> import json
    >>> payload = json.loads(export_line({"x": {"a": 1.5}, "y": ...}, ["x", "y", "z"], "N")[len("MEDIALIT-ANSWERS N "):])
    >>> decode_answers(payload) == {"x": {"a": 1.5}, "y": BLANK, "z": MISSING}
    True
"""
from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

__all__ = ["BLANK", "MISSING", "MAX_ITEMS", "AnswerError", "Unsupported", "decode", "decode_answers",
           "encode", "encode_rebuilt", "export_line", "parse_export"]

#: Most scalar values one export may hold (all answers together); more is refused.
MAX_ITEMS = 2_000_000
#: Deepest nesting of containers an answer may have.
MAX_DEPTH = 40
#: Longest export line the grader reads, in characters.
MAX_CHARS = 64_000_000
MARKER = "MEDIALIT-ANSWERS"


class AnswerError(ValueError):
    """An export that is not well-formed canonical answer data."""


class _Sentinel:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: The answer variable does not exist in the student's kernel.
MISSING = _Sentinel("MISSING")
#: The answer variable is still ``...`` (the student edition's placeholder).
BLANK = _Sentinel("BLANK")


class Unsupported:
    """An answer of a type the grader does not rebuild (a function, a custom object)."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"Unsupported({self.type_name!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unsupported) and other.type_name == self.type_name

    __hash__ = None  # type: ignore[assignment]


# ----------------------------------------------------------------------------------------------
# Kernel side: encode. Runs in the student's kernel; it must not import pandas or numpy itself.
# ----------------------------------------------------------------------------------------------

def _type_name(value: Any) -> str:
    kind = type(value)
    return f"{getattr(kind, '__module__', '?')}.{getattr(kind, '__qualname__', '?')}"


def _float(value: float) -> Any:
    if math.isfinite(value):
        return value
    return {"$": "float", "v": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}


def encode(value: Any, *, _budget: list[int] | None = None, _depth: int = 0) -> Any:
    """Canonical JSON-ready data for one value; subclasses are read through their base type.

    >>> encode({"b": [1, 2.5, "x"], "a": (True, None)})
    {'$': 'dict', 'v': [['b', {'$': 'list', 'v': [1, 2.5, 'x']}], ['a', {'$': 'tuple', 'v': [True, None]}]]}
    >>> class Liar(float):
    ...     def __eq__(self, other): return True
    >>> encode(Liar(0.5))
    0.5
    """
    budget = _budget if _budget is not None else [MAX_ITEMS]
    budget[0] -= 1
    if budget[0] < 0:
        raise AnswerError(f"the answers hold more than {MAX_ITEMS:,} values")
    if _depth > MAX_DEPTH:
        raise AnswerError(f"an answer is nested more than {MAX_DEPTH} levels deep")

    def sub(item: Any) -> Any:
        return encode(item, _budget=budget, _depth=_depth + 1)

    if value is None or value is True or value is False:
        return value
    if value is Ellipsis:
        return {"$": "ellipsis"}
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.generic):  # before float: float64 subclasses float
        dtype = str(numpy.asarray(value).dtype)
        item = numpy.asarray(value).item()
        if isinstance(item, (int, float, bool, str)) or item is None:
            return {"$": "np", "dtype": dtype, "v": sub(item)}
        return {"$": "unsupported", "type": _type_name(value)}
    if isinstance(value, bool):  # pragma: no cover - bool cannot be subclassed
        return bool(value)
    if isinstance(value, int):
        return int.__index__(value)
    if isinstance(value, float):
        return _float(float.__float__(value))
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, dict):
        return {"$": "dict", "v": [[sub(k), sub(v)] for k, v in dict.items(value)]}
    if isinstance(value, list):
        return {"$": "list", "v": [sub(item) for item in list.__iter__(value)]}
    if isinstance(value, tuple):
        return {"$": "tuple", "v": [sub(item) for item in tuple.__iter__(value)]}
    if isinstance(value, (set, frozenset)):
        kind = "frozenset" if isinstance(value, frozenset) else "set"
        items = [sub(item) for item in (frozenset.__iter__ if kind == "frozenset" else set.__iter__)(value)]
        items.sort(key=lambda item: json.dumps(item, sort_keys=True))
        return {"$": kind, "v": items}
    import datetime

    if isinstance(value, datetime.datetime):
        kind = "Timestamp" if type(value).__name__ == "Timestamp" else "datetime"
        return {"$": kind, "v": datetime.datetime.isoformat(value)}
    if isinstance(value, datetime.date):
        return {"$": "date", "v": datetime.date.isoformat(value)}
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        if isinstance(value, numpy.ndarray):
            array = numpy.asarray(value)
            if array.dtype.kind not in "biufUSO":
                return {"$": "unsupported", "type": f"numpy array of {array.dtype}"}
            return {"$": "ndarray", "dtype": str(array.dtype), "shape": list(array.shape),
                    "v": [sub(item) for item in array.reshape(-1).tolist()]}
    pandas = sys.modules.get("pandas")
    if pandas is not None:
        if value is pandas.NA:
            return {"$": "NA"}
        if value is pandas.NaT:
            return {"$": "NaT"}
        if isinstance(value, pandas.DataFrame):
            frame = pandas.DataFrame(value)
            return {"$": "DataFrame", "index": _index(frame.index, sub), "columns": _index(frame.columns, sub),
                    "dtypes": [_dtype(frame.dtypes.iloc[i], sub) for i in range(frame.shape[1])],
                    "data": [{"$": "list", "v": [sub(item) for item in frame.iloc[:, i].tolist()]}
                             for i in range(frame.shape[1])]}
        if isinstance(value, pandas.Series):
            series = pandas.Series(value)
            return {"$": "Series", "name": sub(series.name), "dtype": _dtype(series.dtype, sub),
                    "index": _index(series.index, sub),
                    "v": {"$": "list", "v": [sub(item) for item in series.tolist()]}}
        if isinstance(value, pandas.Index):
            return _index(value, sub)
    return {"$": "unsupported", "type": _type_name(value)}


def _dtype(dtype: Any, sub) -> Any:
    name = str(dtype)
    if name == "category":
        return {"name": "category", "categories": sub(list(dtype.categories)), "ordered": bool(dtype.ordered)}
    return name


def _index(index: Any, sub) -> dict[str, Any]:
    import pandas

    if isinstance(index, pandas.MultiIndex):
        return {"$": "MultiIndex", "names": sub(list(index.names)),
                "v": {"$": "list", "v": [sub(tuple(item)) for item in index.tolist()]}}
    if isinstance(index, pandas.RangeIndex):
        return {"$": "RangeIndex", "name": sub(index.name), "start": int(index.start), "stop": int(index.stop),
                "step": int(index.step)}
    return {"$": "Index", "name": sub(index.name), "dtype": _dtype(index.dtype, sub),
            "v": {"$": "list", "v": [sub(item) for item in index.tolist()]}}


def encode_rebuilt(values: dict[str, Any]) -> dict[str, Any]:
    """Encode rebuilt answers again (the grader's own objects, sentinels included), for a report.

    >>> decode_answers(encode_rebuilt({"x": 1.5, "y": BLANK, "z": MISSING})) == {"x": 1.5, "y": BLANK, "z": MISSING}
    True
    """
    out: dict[str, Any] = {}
    for name, value in values.items():
        if value is MISSING:
            out[name] = {"$": "missing"}
        elif value is BLANK:
            out[name] = {"$": "ellipsis"}
        elif isinstance(value, Unsupported):
            out[name] = {"$": "unsupported", "type": value.type_name}
        else:
            out[name] = encode(value)
    return out


def export_line(namespace: dict[str, Any], names: list[str], nonce: str) -> str:
    """One line holding the named answers of ``namespace`` as canonical JSON (kernel side).

    A name that is not defined is exported as missing; an answer that cannot be encoded (too
    big, too deep) as unsupported, with the reason.
    """
    out: dict[str, Any] = {}
    for name in names:
        if name not in namespace:
            out[name] = {"$": "missing"}
            continue
        try:
            out[name] = encode(namespace[name])
        except (AnswerError, RecursionError) as exc:
            out[name] = {"$": "unsupported", "type": f"too large ({exc})"[:200]}
        except Exception as exc:  # noqa: BLE001 - an object that breaks while being read
            out[name] = {"$": "unsupported", "type": f"{_type_name(namespace[name])} ({type(exc).__name__})"}
    return f"{MARKER} {nonce} " + json.dumps(out, ensure_ascii=True, allow_nan=False)


# ----------------------------------------------------------------------------------------------
# Grader side: decode. Untrusted input; exact types out.
# ----------------------------------------------------------------------------------------------

_DTYPE_RE = re.compile(r"^(?:u?int(?:8|16|32|64)|float(?:16|32|64)|bool|object|str|string|"
                       r"U?Int(?:8|16|32|64)|Float(?:32|64)|boolean|"
                       r"datetime64\[(?:s|ms|us|ns)(?:, [A-Za-z_/+\-0-9]+)?\]|<U\d{1,6}|\|S\d{1,6})$")


def parse_export(text: str, nonce: str) -> dict[str, Any] | None:
    """The last export line with this ``nonce`` in a cell's printed text, parsed; ``None`` if none."""
    prefix = f"{MARKER} {nonce} "
    found = None
    for line in text.splitlines():
        if line.startswith(prefix):
            found = line[len(prefix):]
    if found is None:
        return None
    if len(found) > MAX_CHARS:
        raise AnswerError(f"the exported answers are larger than {MAX_CHARS:,} characters")
    try:
        payload = json.loads(found)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise AnswerError(f"the exported answers are not valid JSON ({exc})") from exc
    if not isinstance(payload, dict):
        raise AnswerError("the exported answers are not a JSON object")
    return payload


def decode_answers(payload: dict[str, Any]) -> dict[str, Any]:
    """Rebuild every answer of one export; a malformed answer becomes :class:`Unsupported`."""
    out: dict[str, Any] = {}
    for name, data in payload.items():
        if not isinstance(name, str) or not name.isidentifier():
            continue
        try:
            out[name] = decode(data)
        except (AnswerError, RecursionError, ValueError, TypeError, OverflowError) as exc:
            out[name] = Unsupported(f"malformed export ({type(exc).__name__}: {str(exc)[:120]})")
    return out


def decode(data: Any, *, _budget: list[int] | None = None, _depth: int = 0) -> Any:
    """Rebuild one answer from canonical JSON data, as objects of exact types.

    Raises:
        AnswerError: an unknown tag, a dtype outside the allowed list, or a size beyond the limits.
    """
    budget = _budget if _budget is not None else [MAX_ITEMS]
    budget[0] -= 1
    if budget[0] < 0:
        raise AnswerError(f"more than {MAX_ITEMS:,} values")
    if _depth > MAX_DEPTH + 4:
        raise AnswerError("nested too deeply")

    def sub(item: Any) -> Any:
        return decode(item, _budget=budget, _depth=_depth + 1)

    if data is None or type(data) in (bool, int, str):
        return data
    if type(data) is float:
        if not math.isfinite(data):
            raise AnswerError("a bare non-finite float")
        return data
    if type(data) is not dict or type(data.get("$")) is not str:
        raise AnswerError(f"untagged data of type {type(data).__name__}")
    tag = data["$"]
    if tag == "missing":
        return MISSING
    if tag == "ellipsis":
        return BLANK
    if tag == "unsupported":
        return Unsupported(str(data.get("type", "?"))[:200])
    if tag == "float":
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[_need(data, "v", str)]
    if tag in ("list", "tuple", "set", "frozenset"):
        items = [sub(item) for item in _need(data, "v", list)]
        if tag == "list":
            return items
        if tag == "tuple":
            return tuple(items)
        return set(items) if tag == "set" else frozenset(items)
    if tag == "dict":
        out = {}
        for pair in _need(data, "v", list):
            if type(pair) is not list or len(pair) != 2:
                raise AnswerError("a dict entry is not a [key, value] pair")
            out[sub(pair[0])] = sub(pair[1])
        return out
    if tag in ("datetime", "Timestamp", "date"):
        import datetime

        text = _need(data, "v", str)
        if tag == "date":
            return datetime.date.fromisoformat(text)
        if tag == "Timestamp":
            import pandas

            return pandas.Timestamp(text)
        return datetime.datetime.fromisoformat(text)
    if tag in ("NA", "NaT"):
        import pandas

        return pandas.NA if tag == "NA" else pandas.NaT
    if tag == "np":
        import numpy

        dtype = numpy.dtype(_check_dtype(_need(data, "dtype", str)))
        return numpy.asarray(sub(data.get("v")), dtype=dtype)[()]
    if tag == "ndarray":
        import numpy

        dtype = numpy.dtype(_check_dtype(_need(data, "dtype", str)))
        shape = _need(data, "shape", list)
        if not all(type(n) is int and n >= 0 for n in shape) or len(shape) > 32:
            raise AnswerError("a malformed array shape")
        values = [sub(item) for item in _need(data, "v", list)]
        if math.prod(shape) != len(values):
            raise AnswerError("an array's shape does not match its values")
        array = numpy.empty(len(values), dtype=dtype)
        array[:] = values if dtype.kind != "O" else numpy.array(values + [None], dtype=object)[:-1]
        return array.reshape(shape)
    if tag in ("Index", "MultiIndex", "RangeIndex"):
        return _decode_index(data, sub)
    if tag == "Series":
        import pandas

        index = _decode_index(_need(data, "index", dict), sub)
        values = sub(_need(data, "v", dict))
        if type(values) is not list or len(values) != len(index):
            raise AnswerError("a Series whose values do not match its index")
        return pandas.Series(_array(values, data.get("dtype"), sub), index=index, name=sub(data.get("name")))
    if tag == "DataFrame":
        import pandas

        index = _decode_index(_need(data, "index", dict), sub)
        columns = _decode_index(_need(data, "columns", dict), sub)
        dtypes = _need(data, "dtypes", list)
        cols = _need(data, "data", list)
        if len(cols) != len(columns) or len(dtypes) != len(columns):
            raise AnswerError("a DataFrame whose columns do not match its data")
        arrays = []
        for dtype, column in zip(dtypes, cols):
            values = sub(column)
            if type(values) is not list or len(values) != len(index):
                raise AnswerError("a DataFrame column whose length does not match the index")
            arrays.append(_array(values, dtype, sub))
        frame = pandas.DataFrame({i: array for i, array in enumerate(arrays)}, index=index)
        if not arrays:
            frame = pandas.DataFrame(index=index, columns=columns)
        frame.columns = columns
        return frame
    raise AnswerError(f"an unknown tag {tag!r}")


def _need(data: dict[str, Any], key: str, kind: type) -> Any:
    value = data.get(key)
    if type(value) is not kind:
        raise AnswerError(f"{data.get('$')!r} needs {key!r} of type {kind.__name__}")
    return value


def _check_dtype(name: str) -> str:
    if not _DTYPE_RE.match(name):
        raise AnswerError(f"the dtype {name!r} is not one the grader rebuilds")
    return name


def _array(values: list[Any], dtype: Any, sub) -> Any:
    """A pandas array of ``values`` with the exported dtype (a category dtype keeps its categories)."""
    import pandas

    if type(dtype) is dict and dtype.get("name") == "category":
        categories = sub(dtype.get("categories"))
        if type(categories) is not list:
            raise AnswerError("a category dtype without a list of categories")
        return pandas.Categorical(values, categories=categories, ordered=bool(dtype.get("ordered")))
    if type(dtype) is not str:
        raise AnswerError("a column without a dtype name")
    name = _check_dtype(dtype)
    if name == "object":
        return pandas.array(values, dtype=object)
    return pandas.array(values, dtype=name) if name not in ("str",) else pandas.Series(values, dtype="str").array


def _decode_index(data: dict[str, Any], sub) -> Any:
    import pandas

    tag = data.get("$")
    if tag == "RangeIndex":
        start, stop, step = (data.get(k) for k in ("start", "stop", "step"))
        if not all(type(n) is int for n in (start, stop, step)) or step == 0:
            raise AnswerError("a malformed RangeIndex")
        if abs((stop - start) // step) > MAX_ITEMS:
            raise AnswerError("a RangeIndex longer than the limit")
        return pandas.RangeIndex(start, stop, step, name=sub(data.get("name")))
    if tag == "MultiIndex":
        tuples = sub(_need(data, "v", dict))
        names = sub(_need(data, "names", dict))
        if type(tuples) is not list or not all(type(t) is tuple for t in tuples) or type(names) is not list:
            raise AnswerError("a malformed MultiIndex")
        if not tuples:
            return pandas.MultiIndex.from_arrays([[] for _ in names], names=names)
        return pandas.MultiIndex.from_tuples(tuples, names=names)
    if tag == "Index":
        values = sub(_need(data, "v", dict))
        if type(values) is not list:
            raise AnswerError("a malformed Index")
        return pandas.Index(_array(values, data.get("dtype"), sub), name=sub(data.get("name")))
    raise AnswerError(f"an index with the unknown tag {tag!r}")
