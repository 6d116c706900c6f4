"""Small helpers for the tables the analysis functions return.

>>> import pandas as pd
>>> with_int64(pd.DataFrame({"word": ["a"], "start": [3]}), ["start"]).dtypes["start"]
dtype('int64')
>>> with_int64(pd.DataFrame([], columns=["word", "start"]), ["start"]).dtypes["start"]
dtype('int64')
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

#: Empty tables already converted, by their columns and dtypes (see :func:`with_int64`).
_EMPTY: dict[tuple, pd.DataFrame] = {}


def with_int64(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """``frame`` with ``columns`` as int64: the same table as ``frame.astype({column: "int64", ...})``.

    ``astype`` copies the table and costs about two milliseconds, which the capstone report paid
    several times per article. So the columns that are int64 already (a table of Python ints
    is) are left alone, and an empty table (its columns are objects) is converted once per
    shape of table: later empty tables of the same columns and dtypes get a copy of that result.

    Caveats:
        When nothing needs converting, ``frame`` itself is returned, not a copy: use it on a
        table you have just built.
    """
    dtypes = dict(zip(frame.columns, frame.dtypes))
    todo = {column: "int64" for column in columns if dtypes[column] != np.int64}
    if not todo:
        return frame
    if len(frame) or not isinstance(frame.index, pd.RangeIndex) or len(dtypes) != len(frame.columns):
        return frame.astype(todo)
    key = (tuple(dtypes), str(frame.columns.dtype), tuple(map(str, dtypes.values())), tuple(todo))
    if key not in _EMPTY:
        _EMPTY[key] = frame.astype(todo)
    return _EMPTY[key].copy()
