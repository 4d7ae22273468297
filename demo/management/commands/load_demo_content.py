from django.core.management.base import BaseCommand, CommandError

from demo.loader import DemoLoadError, load_demo_content
from searchindex.services import rebuild_index


class Command(BaseCommand):
    help = "Load or refresh the demo content (fi, sv, en). Running it again changes nothing."

    def handle(self, *args, **options):
        try:
            loader = load_demo_content()
        except DemoLoadError as error:
            raise CommandError(str(error)) from error
        # Saves index as they go; the rebuild also covers rows written without save() and is idempotent.
        documents = rebuild_index()
        for line in loader.summary():
            self.stdout.write(line)
        totals = loader.totals()
        self.stdout.write(self.style.SUCCESS(
            f"Demo content loaded: {totals['created']} created, {totals['updated']} updated, "
            f"{totals['relinked']} link sets changed, {totals['drawn']} images drawn, "
            f"{totals['deleted']} deleted, {totals['unchanged']} unchanged."
        ))
        self.stdout.write(f"Search index: {documents} documents.")
