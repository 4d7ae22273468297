from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    """The library image beside the old file field, until 0009_photo_into_library has moved the files."""

    dependencies = [
        ("events", "0007_event_image_from_library"),
        ("medialibrary", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="speaker",
            name="photo_library",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                to="medialibrary.image", verbose_name="photo",
            ),
        ),
    ]
