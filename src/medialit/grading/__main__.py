"""``python -P -m medialit.grading --worker``: a grading worker (see :mod:`medialit.grading.pool`)."""
import sys

if sys.argv[1:] == ["--worker"]:  # pragma: no cover - runs in a child process
    from .pool import worker_main

    worker_main()
else:
    print("usage: python -P -m medialit.grading --worker  (started by `medialit grade`; not for direct use)",
          file=sys.stderr)
    sys.exit(2)
