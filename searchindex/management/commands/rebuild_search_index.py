from django.core.management.base import BaseCommand

from searchindex.services import rebuild_index


class Command(BaseCommand):
    help = "Index all published content of the searchable models again. Running it again changes nothing."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} documents."))
