"""``make bench``: seed the small and the scale data sets and measure the portal at both sizes.

Run it on a throwaway database only (the Makefile makes one): it adds thousands of rows. Prints a
table and writes ``bench/results.json``. Everything runs in this process; nothing leaves it.
"""

import json
import platform
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from smartcities_portal.bench import measure, seed

GOAL_RATIO = 3.0


class Command(BaseCommand):
    help = "Seed the small and scale data sets and measure pages, PDF, diff, saves, publication."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rounds", type=int, default=15, help="requests per page and size")
        parser.add_argument("--pdf-pairs", type=int, default=3, help="export/WeasyPrint pairs")
        parser.add_argument("--output", default="bench/results.json")
        parser.add_argument(
            "--seed-only", action="store_true", help="seed the largest size, measure nothing"
        )
        parser.add_argument("--load-plan", help="with --seed-only: write make load's plan here")
        parser.add_argument(
            "--skip", default="", help="comma-separated parts to leave out: saves, diff, pdf"
        )
        parser.add_argument(
            "--scale", choices=["scale", "small"], default="scale", help="largest size to seed"
        )

    def handle(self, *args, rounds, pdf_pairs, output, scale, skip, **options) -> None:
        skipped = set(filter(None, skip.split(",")))
        if options["seed_only"]:
            cast = seed.seed(seed.SCALE if scale == "scale" else seed.SMALL)
            if options["load_plan"]:
                plan = measure.load_plan(cast)
                Path(options["load_plan"]).write_text(json.dumps(plan, ensure_ascii=False))
            return
        if settings.ROOT_URLCONF != "smartcities_portal.bench.urls":
            raise CommandError("Run with DJANGO_SETTINGS_MODULE=smartcities_portal.bench.settings")
        results: dict = {
            "machine": {
                "cpus": _cpus(),
                "memory_gib": _memory_gib(),
                "python": platform.python_version(),
                "database": connection.vendor,
            },
            "sizes": {},
        }
        sizes = [seed.SMALL] + ([seed.SCALE] if scale == "scale" else [])
        for size in sizes:
            started = time.perf_counter()
            cast = seed.seed(size)
            seeded = time.perf_counter() - started
            self.stdout.write(f"{size.name}: seeded in {seeded:.1f} s")
            results["sizes"][size.name] = {
                "seed_seconds": round(seeded, 1),
                "size": size.__dict__,
                "pages": measure.pages_against_floor(
                    measure.key_pages(cast.secretariat), rounds=rounds
                ),
                "publication": measure.release_publication(cast.secretariat),
            }
        if "saves" not in skipped:
            results["saves"] = measure.section_saves_per_second(cast.representatives[0].email)
        if "diff" not in skipped:
            results["diff"] = measure.diff_against_difflib()
        if pdf_pairs and "pdf" not in skipped:
            results["pdf"] = measure.pdf_against_weasyprint(cast.secretariat, pairs=pdf_pairs)
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        self._table(results)
        self.stdout.write(f"written to {path}")

    def _table(self, results: dict) -> None:
        names = [n for n in results["sizes"][next(iter(results["sizes"]))]["pages"] if n != "floor"]
        sizes = list(results["sizes"])
        header = f"{'page':<15}" + "".join(f"{'queries ' + s:>15}" for s in sizes)
        header += f"{'ms':>9}{'floor ms':>10}{'ratio':>8}"
        self.stdout.write(header)
        last = results["sizes"][sizes[-1]]["pages"]
        for name in [n for n in names if not last[n]["new_words"]]:
            row = f"{name:<15}" + "".join(
                f"{results['sizes'][s]['pages'][name]['queries']:>15}" for s in sizes
            )
            page = last[name]
            flag = "" if page["ratio"] <= GOAL_RATIO else "  > 3×"
            row += f"{page['median_ms']:>9.1f}{page['floor_ms']:>10.1f}{page['ratio']:>8.2f}{flag}"
            self.stdout.write(row)
        for name in [n for n in names if last[n]["new_words"]]:
            page = last[name]
            self.stdout.write(
                f"{name} (not a key page: other words at every request, which nothing kept "
                f"serves): {page['queries']} queries, {page['median_ms']:.1f} ms, "
                f"{page['ratio']:.2f}× the floor"
            )
        for size in sizes:
            publication = results["sizes"][size]["publication"]
            self.stdout.write(
                f"publication ({size}): {publication['sections']} sections, "
                f"{publication['queries']} queries, {publication['ms']:.0f} ms"
            )
        if saves := results.get("saves"):
            self.stdout.write(f"section saves: {saves['per_second']}/s over {saves['saves']}")
        if diff := results.get("diff"):
            self.stdout.write(
                f"diff of {diff['words']} words: {diff['portal_ms']} ms, "
                f"difflib {diff['difflib_ms']} ms, ratio {diff['ratio']}"
            )
        if pdf := results.get("pdf"):
            self.stdout.write(
                f"PDF ({pdf['pages']} pages, {pdf['pairs']} pairs): export {pdf['export_s']} s, "
                f"WeasyPrint {pdf['weasyprint_s']} s, ratio {pdf['ratio']} (goal ≤ 1.10); "
                f"first export, with no earlier page breaks to start from: "
                f"{pdf['first_export_s']} s"
            )


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


def _memory_gib() -> float:
    try:
        with open("/proc/meminfo") as meminfo:
            kib = int(meminfo.readline().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return round(kib / 1024 / 1024, 1)
