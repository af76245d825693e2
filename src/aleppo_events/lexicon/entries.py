"""What a dictionary entry is: an actor or a place, as the YAML files and world.json give them."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import BaseModel, Field

from ..models import ActorType


class ActorEntry(BaseModel):
    actor_id: str
    name_en: str
    name_ar: str
    actor_type: ActorType
    country: Optional[str] = None  # ISO 3166 alpha-3
    affiliation: Optional[str] = None  # actor_id this actor speaks for (Lavrov -> russia)
    aliases: list[str] = Field(default_factory=list)  # Arabic surface forms, clitics stripped
    adjectives: list[str] = Field(default_factory=list)  # nisba stems: روسي، تركي
    plurals: list[str] = Field(default_factory=list)  # gentilic plurals: الروس، الأتراك
    capitals: list[str] = Field(default_factory=list)  # metonyms: موسكو
    member_of: list[str] = Field(default_factory=list)  # umbrella actor_ids
    renamed_from: list[str] = Field(default_factory=list)
    valid_from: Optional[dt.date] = None
    valid_to: Optional[dt.date] = None
    generic: bool = False  # "the opposition factions": stands for a class of actors
    provisional: bool = False  # proposed by discovery, not reviewed

    @property
    def is_state_side(self) -> bool:
        """A state or its own government (RUS, RUS-GOV), not an organisation of it: what
        an office's genitive or nisba names (أمير الكويت، الرئيس التنزاني)."""
        return (
            self.actor_type in (ActorType.state, ActorType.government)
            and self.country is not None and self.actor_id.split("-")[0] == self.country
        )


class PlaceEntry(BaseModel):
    place_id: str
    name_en: str
    name_ar: str
    kind: str = "city"  # country | province | city | neighbourhood | crossing | region
    country: Optional[str] = None  # ISO3
    aliases: list[str] = Field(default_factory=list)
    lat: Optional[float] = None
    lon: Optional[float] = None
    capital_of: Optional[str] = None  # actor_id of the state whose capital this is
    part_of: Optional[str] = None  # place_id of the city a district, road or site belongs to
