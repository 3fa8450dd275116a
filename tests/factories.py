import factory
from allauth.account.models import EmailAddress

from accounts.models import User

PASSWORD = "lavande-orage-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up user whose email address is verified."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    language = "fr"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=extracted is not False, primary=True)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "optout.Person"

    owner = factory.SubFactory(UserFactory)
    label = "Moi"
    relation = "self"
