"""medialit._tables: integer columns without an astype when there is nothing to convert."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from medialit._tables import with_int64


@pytest.mark.parametrize("rows", [[], [("a", 1, 2)], [("a", 1, 2), ("b", 3, 4)]])
def test_same_table_as_astype(rows):
    frame = pd.DataFrame(rows, columns=["word", "start", "end"])
    expected = frame.astype({"start": "int64", "end": "int64"})
    pd.testing.assert_frame_equal(with_int64(frame, ["start", "end"]), expected, check_exact=True)
    assert with_int64(frame, ["start", "end"]).columns.equals(expected.columns)


def test_an_empty_table_is_a_new_copy_each_time():
    first = with_int64(pd.DataFrame([], columns=["word", "start"]), ["start"])
    first["extra"] = []
    second = with_int64(pd.DataFrame([], columns=["word", "start"]), ["start"])
    assert list(second.columns) == ["word", "start"] and second["start"].dtype == np.int64


def test_floats_are_converted_like_astype():
    frame = pd.DataFrame({"start": [1.0, 2.0]})
    assert with_int64(frame, ["start"])["start"].tolist() == [1, 2]
    with pytest.raises(Exception) as raised:
        pd.DataFrame({"start": [1.0, np.nan]}).astype({"start": "int64"})
    with pytest.raises(type(raised.value)):
        with_int64(pd.DataFrame({"start": [1.0, np.nan]}), ["start"])
