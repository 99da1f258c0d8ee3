"""Unmistakable signs of danger in Spanish, Portuguese and French (clear danger on their own)."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["foreign_danger_cue"]


def _fold(text: str) -> str:
    """Lower case without accents, so "suicídio" and "suicidio" read the same."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_CUES: Final[dict[str, tuple[str, ...]]] = {
    "es": (
        r"\b(?:quiero|quisiera|voy a|pienso en|ganas de|prefiero) (?:morir|morirme|matarme|suicidarme|"
        r"quitarme la vida|acabar con (?:todo|mi vida))\b",
        r"\b(?:pensamientos|ideas) suicidas\b",
        r"\bno quiero (?:seguir )?vivir\b",
        r"\b(?:me|la|lo|nos) (?:pega|golpea|pego|golpeo|pateo|patea|ahorca|ahorco|estrangula|estrangulo|"
        r"empuja contra|violo|viola|forzo|forza)\b",
        r"\bamenaz\w* con (?:matar|hacer(?:me|nos)? dano|quitarme (?:a )?(?:los|mis) hijos|llevarse a (?:los|mis) "
        r"(?:ninos|hijos)|publicar|mandar (?:mis )?fotos)",
        r"\b(?:cortarme|me corto|me corte|quemarme|hacerme dano)\b",
        r"\b(?:matarlo|matarla|hacerle dano) (?:a el|a ella|a mi (?:pareja|esposo|esposa|marido|mujer|novio|novia))?",
        r"\babus(?:a|o|aron|ando) (?:de|sexualmente)",
        r"\bme obliga\w* a (?:tener sexo|acostarme|hacer cosas)",
    ),
    "pt": (
        r"\b(?:quero|queria|vou|penso em|vontade de|prefiro) (?:morrer|me matar|me suicidar|tirar (?:a )?minha vida|"
        r"acabar com (?:tudo|a minha vida|minha vida))\b",
        r"\b(?:pensamentos|ideias) suicidas\b",
        r"\bnao quero (?:mais )?viver\b",
        r"\b(?:me|nos) (?:bate|bateu|espanca|espancou|estrangula|estrangulou|enforca|enforcou|estuprou|violentou|"
        r"forcou|empurrou contra)\b",
        r"\bameac\w* (?:de )?(?:me )?(?:matar|machucar|levar (?:os|as) (?:filhos|criancas|meninos)|tirar (?:os|as) "
        r"(?:filhos|criancas)|espalhar|postar|mandar (?:minhas )?fotos)",
        r"\b(?:me cortar|me corto|me cortei|me queimar|me machucar)\b",
        r"\b(?:matar|machucar) (?:ele|ela|meu marido|minha mulher|minha esposa|meu namorado|minha namorada)\b",
        r"\babus(?:a|ou|aram|ando) (?:de|sexualmente)",
    ),
    "fr": (
        r"\b(?:envie de|veux|voudrais|vais|pense a) (?:mourir|me tuer|me suicider|en finir|mettre fin a mes jours)\b",
        r"\b(?:idees|pensees) suicidaires\b",
        r"\bplus envie de vivre\b",
        r"\b(?:me|nous) (?:frappe|a frappee?|bat|battait|etrangle|a etranglee?|viole|a violee?|force a)\b",
        r"\bm'(?:a|avait) (?:frappee?|battue?|etranglee?|violee?|giflee?|poussee? contre|forcee?)\b",
        r"\bmenac\w* de (?:me )?(?:tuer|frapper|prendre les enfants|m'enlever les enfants|partir avec les enfants|"
        r"publier|envoyer (?:mes )?photos)",
        r"\b(?:me scarifier|me couper|me faire du mal|me bruler)\b",
        r"\b(?:le|la) tuer\b",
        r"\babus(?:e|ait|aient) (?:de|sexuellement)",
    ),
}
_NEGATED: Final = re.compile(r"\b(?:no|nao|ne|pas|jamais|nunca|nem|ni|sin|sem|sans)\b(?:\W+\w+){0,3}\W*$")
_LAUGHING: Final = re.compile(r"\b(?:ja(?:ja)+|ha(?:ha)+|k{3,}|rs(?:rs)+|mdr|ptdr|lol)\b|\U0001f602|\U0001f923")
_COMPILED: Final = {lang: re.compile("|".join(f"(?:{p})" for p in patterns)) for lang, patterns in _CUES.items()}


def foreign_danger_cue(text: str) -> str | None:
    """The language whose unmistakable danger phrase ``text`` contains, or ``None``.

    Every language is tried whatever the detected language, so a short or mixed message is not missed.
    """
    folded = _fold(text)
    if _LAUGHING.search(folded):
        return None
    for lang, pattern in _COMPILED.items():
        for match in pattern.finditer(folded):
            if not _NEGATED.search(folded[max(0, match.start() - 40) : match.start()]):
                return lang
    return None
