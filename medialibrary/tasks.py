from celery import shared_task

from . import services
from .models import Image


@shared_task
def generate_renditions(image_id: int) -> int:
    return services.renditions_generate(image_id=image_id)


@shared_task
def recover_missing_renditions() -> int:
    """Re-queue images whose renditions were never made (a lost wake-up, a worker down, a new spec)."""
    ids = list(Image.objects.missing_renditions().values_list("pk", flat=True)[:500])
    for image_id in ids:
        generate_renditions.delay(image_id)
    return len(ids)
