import sys
import time

from django.core.management.base import BaseCommand

from demo.bulk import BulkGenerator, Counts


class Command(BaseCommand):
    help = (
        "Generate published content in fi, sv and en for measuring the portal at size, with relations and "
        "budgets that pass validation. A second run replaces what the first generated; the demo content stays."
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=10_000)
        parser.add_argument("--partners", type=int, default=2_000)
        parser.add_argument("--events", type=int, default=20_000)
        parser.add_argument("--news", type=int, default=50_000)
        parser.add_argument("--pilots", type=int, default=2_000)
        parser.add_argument("--batch-size", type=int, default=2_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--clear", action="store_true", help="Only remove what an earlier run generated.")

    def handle(self, *args, **options):
        counts = Counts(**{name: max(0, options[name]) for name in ("projects", "partners", "events", "news", "pilots")})
        generator = BulkGenerator(
            counts=counts, batch_size=max(1, options["batch_size"]), seed=options["seed"], progress=self._progress
        )
        started = time.monotonic()
        if options["clear"]:
            generator.clear()
        else:
            generator.run()
        # The writes send no post_save, so the generator writes the search documents itself.
        self.stdout.write(f"Search index: {generator.documents} documents generated.")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s."))

    def _progress(self, label: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        end = "\n" if done >= total else ""
        line = f"\r{label:<20} [{'#' * filled}{'.' * (width - filled)}] {done:>7}/{total}"
        # A bar redrawn in place on a terminal; one line per step when the output is a file.
        self.stdout.write(line if self.stdout.isatty() else line.lstrip("\r") + "\n", ending=end if self.stdout.isatty() else "")
        if self.stdout.isatty():
            sys.stdout.flush()
