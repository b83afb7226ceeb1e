"""A later promise told to the client outside plazo (a ``told`` event); every promise made to
the client.

Promises made by a delay notice recorded the contacts' names as whom they were made to, the
others nothing (pages showed the client): every promise now names the client, as recorded. The
contacts a notice went to stay on the notice itself.
"""

from django.db import migrations, models


def made_to_the_client(apps, schema_editor):
    Commitment = apps.get_model("plazo", "Commitment")
    Client = apps.get_model("plazo", "Client")
    names = dict(Client.objects.values_list("pk", "name"))
    for commitment in Commitment.objects.select_related("project").iterator():
        name = names.get(commitment.project.client_id, "")
        if commitment.made_to != name:
            commitment.made_to = name
            commitment.save(update_fields=["made_to"])


class Migration(migrations.Migration):
    dependencies = [
        ("plazo", "0018_client_register_vos"),
    ]

    operations = [
        migrations.AlterField(
            model_name="promiseevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("cancelled", "the project was cancelled"),
                    ("reopened", "the project was taken up again"),
                    ("told", "the client was told of it outside plazo"),
                ],
                max_length=16,
            ),
        ),
        migrations.RunPython(made_to_the_client, migrations.RunPython.noop),
    ]
