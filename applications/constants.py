from django.db import models


class Theme(models.TextChoices):
    ECONOMIC_GROWTH = "economic_growth", "Economic growth"
    PUBLIC_SERVICE_REFORM = "public_service_reform", "Public service reform"
    CIVIC_PARTICIPATION = "civic_participation", "Civic participation"
    HEALTH_AND_WELLBEING = "health_and_wellbeing", "Health and wellbeing"
    OTHER = "other", "Other"


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    COUNTY_COUNCIL = "county_council", "County council"
    HIGHER_EDUCATION = "hei", "Higher education institution"
    OTHER = "other", "Other anchor institution"


COUNCIL_KINDS = (OrganisationKind.COUNCIL, OrganisationKind.COUNTY_COUNCIL)
