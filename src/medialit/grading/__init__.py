"""Grade submitted notebooks offline, with scores no notebook can forge.

``medialit grade`` runs each submission in a fresh kernel, takes its answers out as plain data,
and scores them in a process that never ran student code, against values computed there:

- :mod:`~medialit.grading.autograder` reads an autograder zip (tests and key) into memory;
- :mod:`~medialit.grading.runner` runs a notebook and exports its answers;
- :mod:`~medialit.grading.repair` repairs a notebook nbformat refuses over missing fields, and says so;
- :mod:`~medialit.grading.answers` turns answers into canonical JSON and back, exact types only;
- :mod:`~medialit.grading.judge` runs otter's tests on the rebuilt answers;
- :mod:`~medialit.grading.pool` grades a folder in parallel, with timeouts;
- :mod:`~medialit.grading.gradebook` writes the CSV and merges hand-graded points;
- :mod:`~medialit.grading.check` is the student's self-check, ``medialit check``;
- :mod:`~medialit.grading.student` gives ``grader.check`` in a notebook readable feedback;
- :mod:`~medialit.grading.key` works out each question's answer variables from a source notebook.

Caveat: grading runs the students' code with your permissions. Nothing a notebook does can raise
its score, but it can read or change other files your account can reach, and start processes.
Grade untrusted work in a container or a throw-away account.

Example:
    >>> natural_key("q10") > natural_key("q9")
    True
"""
from __future__ import annotations

from .autograder import (
    Autograder,
    GradingError,
    choose_autograder,
    expected_filename,
    find_autograders,
    natural_key,
    read_autograder,
    read_submission_name,
)
from .check import CheckReport, check_notebook
from .gradebook import ManualError, read_manual, write_gradebook
from .pool import DEFAULT_TIMEOUT, Grade, grade_folder, grade_many

__all__ = [
    "DEFAULT_TIMEOUT",
    "Autograder",
    "CheckReport",
    "Grade",
    "GradingError",
    "ManualError",
    "check_notebook",
    "choose_autograder",
    "expected_filename",
    "find_autograders",
    "grade_folder",
    "grade_many",
    "natural_key",
    "read_autograder",
    "read_manual",
    "read_submission_name",
    "write_gradebook",
]
