"""The starting vocabulary from DOMAIN.md; the department edits it from here on."""

from django.db import migrations

from quartier.core import text
from quartier.topics.vocabulary import INITIAL_TOPICS


def add_topics(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    for slug, name, keywords in INITIAL_TOPICS:
        if Topic.objects.filter(slug=slug).exists():
            continue
        Topic.objects.create(
            slug=slug,
            name=name,
            keywords=keywords,
            sort_name=text.sort_key(name),
            search_text=text.search_key(name, keywords),
        )


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
