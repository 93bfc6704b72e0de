"""``make load``: gunicorn (several workers) on a throwaway PostgreSQL database, 50 simulated
members for 60 s with Locust, headless, on loopback only; stops by itself.

Reports requests per second, p50/p95/p99, errors by status, accepted saves against the history
rows they left (they must be equal: no lost update) and each page's median against the floor
view's under the same load. Writes ``bench/load.json``.
"""

import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"
HOST, PORT = "127.0.0.1", 8119
CHANGE_NOTE = "carga locust"


def _manage(env: dict, *arguments: str) -> str:
    command = [sys.executable, "manage.py", *arguments]
    return subprocess.run(  # noqa: S603 -- our own manage.py
        command, cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True
    ).stdout


def _wait_for(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 -- loopback http only
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds} s")


def _percentiles(stats_csv: Path) -> dict:
    rows = {}
    with stats_csv.open() as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 2),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "p99_ms": float(row["99%"] or 0),
            }
    return rows


def run_load(env: dict, arguments: list[str]) -> int:
    if not env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        print(
            "make load needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal "
            "make load (a throwaway <name>_bench database is used and dropped).",
            file=sys.stderr,
        )
        return 2
    users = os.environ.get("LOAD_USERS", "50")
    duration = os.environ.get("LOAD_SECONDS", "60")
    workers = os.environ.get("LOAD_WORKERS", "4")
    VAR_DIR.mkdir(exist_ok=True)
    plan, counts = VAR_DIR / "load-plan.json", VAR_DIR / "load-counts.json"
    counts.unlink(missing_ok=True)
    _manage(env, "bench", "--seed-only", "--load-plan", str(plan), *arguments)
    plan_data = json.loads(plan.read_text())
    plan_data["change_note"] = CHANGE_NOTE
    plan.write_text(json.dumps(plan_data))
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "smartcities_portal.wsgi",
            f"--bind={HOST}:{PORT}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    try:
        _wait_for(f"http://{HOST}:{PORT}/healthz")
        subprocess.run(  # noqa: S603
            [
                str(Path(sys.executable).with_name("locust")),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                f"--users={users}",
                "--spawn-rate=10",
                f"--run-time={duration}s",
                "--stop-timeout=5",
                f"--host=http://{HOST}:{PORT}",
                f"--csv={VAR_DIR / 'load'}",
                "--only-summary",
                "--loglevel=WARNING",
            ],
            cwd=BASE_DIR,
            env={**env, "LOAD_PLAN": str(plan), "LOAD_COUNTS": str(counts)},
            check=False,
            timeout=int(duration) + 120,
        )
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    counted = json.loads(counts.read_text()) if counts.exists() else {}
    rows = int(
        _manage(
            env,
            "shell",
            "--no-imports",
            "-v",
            "0",
            "-c",
            "from strategy.models import Section; "
            f"print(Section.history.filter(history_change_reason={CHANGE_NOTE!r}).count())",
        ).split()[-1]
    )
    stats = _percentiles(VAR_DIR / "load_stats.csv")
    floor = stats.get("floor", {})
    pages = {
        name: {**row, "ratio_p50": round(row["p50_ms"] / floor["p50_ms"], 2) if floor else None}
        for name, row in stats.items()
    }
    result = {
        "users": int(users),
        "seconds": int(duration),
        "gunicorn_workers": int(workers),
        "requests": stats["Aggregated"],
        "pages": pages,
        "statuses": {k: v for k, v in counted.items() if k.startswith("status")},
        "accepted_saves": counted.get("accepted saves", 0),
        "conflicts": counted.get("conflicts", 0),
        "history_rows": rows,
        "lost_updates": counted.get("accepted saves", 0) - rows,
    }
    output = BASE_DIR / "bench" / "load.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    total = result["requests"]
    print(f"{users} users, {duration} s, {workers} gunicorn workers on PostgreSQL")
    print(
        f"requests/s {total['rps']}, p50 {total['p50_ms']} ms, p95 {total['p95_ms']} ms, "
        f"p99 {total['p99_ms']} ms, statuses {result['statuses']}"
    )
    print(f"{'page':<15}{'requests':>10}{'p50 ms':>9}{'p95 ms':>9}{'× floor':>9}")
    for name, row in pages.items():
        print(
            f"{name:<15}{row['requests']:>10}{row['p50_ms']:>9.0f}{row['p95_ms']:>9.0f}"
            f"{row['ratio_p50'] or 0:>9.2f}"
        )
    print(
        f"saves accepted {result['accepted_saves']}, history rows {rows}, conflicts "
        f"{result['conflicts']}, lost updates {result['lost_updates']}"
    )
    print(f"written to {output}")
    return 0 if result["lost_updates"] == 0 else 1
