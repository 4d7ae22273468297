# The media library: images and their renditions.

import django.core.validators
import django.db.models.deletion
import finest.core.images
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Image',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', finest.core.images.ValidatedImageField(max_length=255, upload_to=finest.core.images.ImageUploadPath('library'), verbose_name='file')),
                ('title', models.CharField(blank=True, max_length=200, verbose_name='title')),
                ('alt', models.CharField(blank=True, help_text='What the picture shows, for people who cannot see it. Leave empty for a decorative picture.', max_length=255, verbose_name='alt text')),
                ('alt_fi', models.CharField(blank=True, help_text='What the picture shows, for people who cannot see it. Leave empty for a decorative picture.', max_length=255, null=True, verbose_name='alt text')),
                ('alt_sv', models.CharField(blank=True, help_text='What the picture shows, for people who cannot see it. Leave empty for a decorative picture.', max_length=255, null=True, verbose_name='alt text')),
                ('alt_en', models.CharField(blank=True, help_text='What the picture shows, for people who cannot see it. Leave empty for a decorative picture.', max_length=255, null=True, verbose_name='alt text')),
                ('credit', models.CharField(blank=True, max_length=200, verbose_name='credit')),
                ('licence', models.CharField(blank=True, max_length=100, verbose_name='licence')),
                ('focal_x', models.FloatField(default=0.5, validators=[django.core.validators.MinValueValidator(0.0), django.core.validators.MaxValueValidator(1.0)], verbose_name='focal point x')),
                ('focal_y', models.FloatField(default=0.5, validators=[django.core.validators.MinValueValidator(0.0), django.core.validators.MaxValueValidator(1.0)], verbose_name='focal point y')),
                ('width', models.PositiveIntegerField(default=0, editable=False, verbose_name='width')),
                ('height', models.PositiveIntegerField(default=0, editable=False, verbose_name='height')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('uploaded_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'image',
                'verbose_name_plural': 'images',
                'ordering': ('-created_at', '-pk'),
            },
        ),
        migrations.CreateModel(
            name='Rendition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('spec', models.CharField(choices=[('card', 'card'), ('detail', 'detail'), ('avatar', 'avatar'), ('logo', 'logo'), ('thumbnail', 'thumbnail')], max_length=20, verbose_name='spec')),
                ('scale', models.PositiveSmallIntegerField(default=1, verbose_name='scale')),
                ('format', models.CharField(choices=[('webp', 'webp'), ('jpeg', 'jpeg'), ('png', 'png')], max_length=10, verbose_name='format')),
                ('width', models.PositiveIntegerField(verbose_name='width')),
                ('height', models.PositiveIntegerField(verbose_name='height')),
                ('file', models.FileField(max_length=255, upload_to='renditions/library', verbose_name='file')),
                ('image', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='renditions', to='medialibrary.image', verbose_name='image')),
            ],
            options={
                'verbose_name': 'rendition',
                'verbose_name_plural': 'renditions',
                'constraints': [models.UniqueConstraint(fields=('image', 'spec', 'scale', 'format'), name='rendition_unique_per_spec')],
            },
        ),
    ]
