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


# "Dying of shame / laughter / hunger" in each language: an idiom, not a wish to die.
_DIE_OF_ES: Final = (
    r"(?! de (?:la |el )?(?:verguenza|risa|ganas|hambre|sueno|calor|frio|envidia|aburrimiento|"
    r"cansancio|nervios|ternura|celos))"
)
_DIE_OF_PT: Final = (
    r"(?! de (?:vergonha|rir|riso|fome|sono|calor|frio|inveja|saudades?|vontade|cansaco|tedio|ciumes|"
    r"nervoso))"
)
_DIE_OF_FR: Final = r"(?! de (?:honte|rire|faim|sommeil|chaud|froid|jalousie|ennui|fatigue|envie|impatience))"
# "Me pegó duro la nostalgia", "se me pegó la gripe": a feeling or a cold that struck, not a blow.
_STRUCK_BY_ES: Final = (
    r"(?! (?:duro |fuerte |mucho |feo )?(?:la|el|un|una) (?:nostalgia|tristeza|bajon|sueno|cansancio|gripe|"
    r"resfriado|resaca|cancion|virus|covid|sol|calor|frio|realidad|golpe de realidad|depre|pena|extrana))"
)

_CUES: Final[dict[str, tuple[str, ...]]] = {
    "es": (
        r"\b(?:quiero|quisiera|voy a|pienso en|ganas de|prefiero) (?:morir|morirme|matarme|suicidarme|"
        r"quitarme la vida|acabar con (?:todo|mi vida))\b" + _DIE_OF_ES,
        r"\b(?:pensamientos|ideas) suicidas\b",
        r"\bno quiero (?:seguir )?vivir\b",
        r"\b(?:me|la|lo|nos) (?:pega|golpea|pego|golpeo|pateo|patea|ahorca|ahorco|estrangula|estrangulo|"
        r"empuja contra|violo|viola|forzo|forza)\b" + _STRUCK_BY_ES,
        r"\bamenaz\w* con (?:matar|hacer(?:me|nos)? dano|quitarme (?:a )?(?:los|mis) hijos|llevarse a (?:los|mis) "
        r"(?:ninos|hijos)|publicar|mandar (?:mis )?fotos)",
        r"\b(?:cortarme|me corto|me corte|quemarme|hacerme dano)\b",
        r"\b(?:matarlo|matarla|hacerle dano) (?:a el|a ella|a mi (?:pareja|esposo|esposa|marido|mujer|novio|novia))?",
        r"\babus(?:a|o|aron|ando) (?:de|sexualmente)",
        r"\bme obliga\w* a (?:tener sexo|acostarme|hacer cosas)",
        # violence
        r"\b(?:pegandome|golpeandome)\b|\b(?:le quiero pegar|quiero pegarle|casi le pego|ganas de pegarle)\b",
        r"\b(?:me|la|lo|le) (?:da|dio|daba) (?:cachetadas|bofetadas|golpes|patadas|punetazos|una paliza)\b",
        r"\b(?:me|la|lo) (?:empujo|empuja|arrastro|arrastra|sacude|sacudio|agarro del cuello|ahorcaba)\b",
        r"\b(?:moretones|morados|el brazo (?:todo )?morado|el ojo morado|labio partido)\b",
        r"\b(?:le parto|te parto|me parte|le va a romper|me va a romper|partirle) (?:la cabeza|la cara|las piernas|"
        r"los dientes)\b",
        r"\b(?:cuchillo|pistola|arma)\b[^.!?]{0,40}\b(?:me|amenaz|apunt|dormido|mano)\w*",
        # threats and children
        r"\bamenaz\w* (?:con )?(?:llevarse|quitarme|hacerle dano|hacer dano|matar|mostrar|ensenar|publicar|subir)\b",
        r"\b(?:nunca|jamas) (?:vas a|volveras a) ver a (?:los|tus|mis) (?:ninos|hijos|nenes)\b",
        r"\b(?:le|les) (?:pega|pego|da golpes|dio golpes|pega con el cinturon)\b[^.!?]{0,30}\b(?:nino|nina|hijo|hija|"
        r"bebe|nene|nena|ninos|hijos)\b",
        r"\b(?:al|a mi|a la|a los) (?:nino|nina|hijo|hija|bebe|nene|nena|ninos|hijos)\b[^.!?]{0,30}\b(?:le pega|"
        r"les pega|lo toca|la toca|los toca|lo golpea|la golpea|sacudirlo|sacudirla)\b",
        r"\bme dan ganas de (?:sacudirlo|sacudirla|pegarle|matarlo|matarla|ahorcarlo|ahorcarla)\b",
        # control, monitoring, money, isolation, humiliation, stalking
        r"\b(?:me revisa|revisa|me mira|me controla) (?:el|mi) "
        r"(?:celular|cel|telefono|movil|whatsapp|historial|correo)\b",
        r"\b(?:localizador|rastreador|gps|airtag|camarita|camara escondida)\b",
        r"\b(?:mandarle|mandar|enviarle) (?:una )?foto de donde estoy\b",
        r"\b(?:me quita|se queda con|me saca) (?:todo )?(?:el|mi) (?:sueldo|salario|dinero|tarjeta)\b",
        r"\bno me deja (?:ver|hablar|salir|trabajar|visitar|llamar|usar)\b",
        r"\b(?:me hizo|me obligo a) borrar (?:todos )?(?:mis )?(?:contactos|amigos|numeros)\b",
        r"\b(?:me dice|me llama|me trata de) (?:que no valgo nada|inutil|estupida|gorda|puta|loca|basura)\b",
        r"\bnadie (?:me|te) va a querer\b",
        r"\b(?:me sigue|me persigue|me espera afuera|aparece en (?:mi|el) (?:trabajo|casa|gym|super))\b",
        r"\b(?:perfil|cuenta|cuentas) falsas?\b",
        # sexual
        r"\b(?:me obliga|me obligo|me fuerza|me forzo) a (?:tener relaciones|estar con el|acostarme|hacer cosas)\b",
        r"\bme graba (?:en la intimidad|desnuda|sin (?:preguntar|permiso))\b",
        r"\bsi digo que no (?:empieza|se pone|me)\b",
        # suicide and self-harm
        r"\b(?:ya me despedi|carta de despedida|cartas? a cada uno|cuiden a mi (?:perro|gato|hijo|hija)|"
        r"dejar las cosas ordenadas|deje las cosas ordenadas)\b",
        r"\bno sabe(?:n)? que (?:es|sera) la ultima vez\b|\b(?:este es|es) mi ultimo mensaje\b",
        r"\b(?:ser|soy) una carga\b|\bestarian mejor sin mi\b|\bnadie (?:me )?extranaria\b",
        r"\b(?:dormirme|dormir) y no despertar\b|\bno despertar(?:me)? (?:nunca|mas)\b",
        r"\b(?:pastillas|cuerda|puente|soga)\b[^.!?]{0,40}\b(?:suficientes|cuantas|junte|compre|tengo|morir|saltar)\b",
        r"\b(?:me rasguno|me corto|me quemo|me lastimo|me golpeo|golpeo la pared)\b[^.!?]{0,40}\b(?:sangre|sangran|"
        r"hasta|cuando)\b",
        r"\bpu[nñ]etazos a la pared\b",
        r"\b(?:no puedo mas|ya no aguanto mas)\b[^.!?]{0,40}\b(?:vivir|seguir|morir|desaparecer)\b",
    ),
    "pt": (
        r"\b(?:quero|vou|penso em|pensar em|pensando em|vontade de|prefiro|devia) matar-me\b",
        r"\b(?:quero|queria|vou|penso em|vontade de|prefiro) (?:morrer|me matar|me suicidar|tirar (?:a )?minha vida|"
        r"acabar com (?:tudo|a minha vida|minha vida))\b" + _DIE_OF_PT,
        r"\b(?:pensamentos|ideias) suicidas\b",
        r"\bnao quero (?:mais )?viver\b",
        r"\beu me mato\b(?! de\b)",
        r"\b(?:me|nos) (?:bate|bateu|espanca|espancou|estrangula|estrangulou|enforca|enforcou|estuprou|violentou|"
        r"forcou|empurrou contra)\b",
        r"\bameac\w* (?:de )?(?:me )?(?:matar|machucar|levar (?:os|as) (?:filhos|criancas|meninos)|tirar (?:os|as) "
        r"(?:filhos|criancas)|espalhar|postar|mandar (?:minhas )?fotos)",
        r"\b(?:me cortar|me corto|me cortei|me queimar|me machucar)\b",
        r"\b(?:matar|machucar) (?:ele|ela|meu marido|minha mulher|minha esposa|meu namorado|minha namorada)\b",
        r"\babus(?:a|ou|aram|ando) (?:de|sexualmente)",
        # violence
        r"\b(?:me|a|o) (?:deu|da|dava) (?:um tapa|tapas|socos|murros|chutes|uma surra|um soco)\b",
        r"\b(?:me|a|o) (?:empurrou|empurra|sacode|sacudiu|agarrou pelo pescoco|esganou|esgana)\b",
        r"\b(?:hematomas|roxos|olho roxo|labio cortado|nodoas negras)\b",
        r"\b(?:me parte|te parto|parto-te|vai partir) (?:os dentes|a cara|as pernas|a cabeca)\b",
        r"\b(?:faca|arma|pistola|revolver)\b[^.!?]{0,40}\b(?:me|ameac|apont|dormindo|mao)\w*",
        # threats and children
        r"\bameac\w* (?:de )?(?:levar|tirar|fazer mal|machucar|matar|mostrar|publicar|espalhar)\b",
        r"\b(?:vai|ia) fazer mal (?:pras|para as|aos|as) (?:criancas|filhos|meninos|miudos)\b",
        r"\b(?:bate|bateu|espanca) (?:no|na|nos|nas) (?:meu|minha|meus|minhas)? ?(?:filho|filha|crianca|bebe|"
        r"criancas|filhos|miudo|miuda)\b",
        r"\b(?:deixa|deixou) (?:o|a|os|as) (?:bebe|criancas|miudos|filhos|meninos)\b[^.!?]{0,30}\b(?:sozinhos?|"
        r"chorando|o dia inteiro|dias)\b",
        r"\b(?:segredo|segredos)\b[^.!?]{0,40}\b(?:nao contar|pai|padrasto|tio|avo)\b",
        # control, monitoring, money, isolation, humiliation, stalking
        r"\b(?:olha|mexe|fuça|vasculha|revista) (?:o )?(?:meu|o meu) (?:celular|telemovel|telefone|whatsapp)\b",
        r"\b(?:localizacao em tempo real|rastreador|gps|airtag|camera escondida)\b",
        r"\b(?:fica com|pega|tira|tirou) (?:o )?(?:meu|o meu) (?:cartao|salario|dinheiro|ordenado)\b",
        r"\b(?:emprestimos?|dividas?) (?:no|em) meu nome\b",
        r"\bnao me deixa (?:ver|falar|sair|trabalhar|visitar|ligar|usar)\b",
        r"\b(?:diz|fala|chama-me|me chama de) (?:que eu )?(?:nao valho nada|inutil|burra|gorda|puta|louca|lixo)\b",
        r"\bninguem (?:vai|ira) (?:me|te) querer\b",
        r"\b(?:me segue|me persegue|aparece no meu trabalho|endereco novo que eu nao dei)\b",
        r"\b(?:perfil|conta|contas) falsas?\b",
        r"\b(?:print|prints) das minhas conversas\b|\bmostra pro meu chefe\b|\bpublica as nossas conversas\b",
        # sexual
        r"\b(?:me obriga|me obrigou|me forca|me forcou) a (?:transar|fazer sexo|ter relacoes|dormir com)\b",
        r"\btirou a camisinha\b|\bme encurralou\b",
        # suicide and self-harm
        r"\b(?:cansad[ao] de viver|tanto faz se eu acordo)\b",
        r"\b(?:se eu sumir|se eu morrer) ninguem\b|\bseria(?:m)? melhor sem mim\b|\bsou um peso\b",
        r"\b(?:cartas de despedida|me despedi de todos|cuidem d[oa] meu (?:cachorro|gato|filho)|"
        r"deixei tudo organizado)\b",
        r"\bnao sabe(?:m)? que (?:e|vai ser|sera) a ultima vez\b|\b(?:esta e|e) a minha ultima mensagem\b",
        r"\b(?:comprimidos|remedios|corda|ponte)\b[^.!?]{0,40}\b(?:suficientes|quantos|juntei|comprei|tenho|morrer|"
        r"pular)\b",
        r"\b(?:marquinhas|cortes) no (?:pulso|braco|braco)\b|\b(?:bato|soco) (?:com os punhos )?(?:na|a) parede\b",
        r"\bum carro me levasse\b|\bnao acordar mais\b",
    ),
    "fr": (
        r"\b(?:envie de|veux|voudrais|vais|pense a) (?:mourir|me tuer|me suicider|en finir|mettre fin a mes jours)\b"
        + _DIE_OF_FR,
        r"\b(?:idees|pensees) suicidaires\b",
        r"\bplus envie de vivre\b",
        r"\bme suicider\b|\bme foutre en l'air\b|\b(?:avant de|comment|pour) me tuer\b",
        r"\b(?:me|nous) (?:frappe|a frappee?|bat|battait|etrangle|a etranglee?|viole|a violee?|force a)\b",
        r"\bm'(?:a|avait) (?:frappee?|battue?|etranglee?|violee?|giflee?|poussee? contre|forcee?)\b",
        r"\bmenac\w* de (?:me )?(?:tuer|frapper|prendre les enfants|m'enlever les enfants|partir avec les enfants|"
        r"publier|envoyer (?:mes )?photos)",
        r"\b(?:me scarifier|me couper|me faire du mal|me bruler)\b",
        r"\b(?:le|la) tuer\b",
        r"\babus(?:e|ait|aient) (?:de|sexuellement)",
        # violence
        r"\b(?:m'a|l'a|me|la|le) (?:giflee?|poussee? contre|secouee?|tiree? par les cheveux|donne des coups|"
        r"mis une gifle|serre le cou)\b",
        r"\b(?:bleus|coquard|oeil au beurre noir|levre fendue)\b",
        r"\b(?:couteau|arme|pistolet|flingue)\b[^.!?]{0,40}\b(?:menac|point|dort|main|m'a)\w*",
        # threats and children
        r"\bmenac\w* (?:de )?(?:m'enlever|emmener|prendre|faire du mal|tuer|publier|montrer|envoyer|partir avec)\b",
        r"\b(?:frappe|tape|secoue) (?:mon|ma|mes|le|la|les) (?:fils|fille|enfants?|bebe|petit|petite|gamins?)\b",
        r"\b(?:mon|ma|le|la) (?:fils|fille|enfant|bebe|petit|petite)\b[^.!?]{0,40}\b(?:la touche|le touche|a peur de "
        r"rentrer|frappe|ceinture)\b",
        r"\b(?:laisse|laissent) (?:les|ses|mes) (?:enfants|petits|gamins|bebes?)\b[^.!?]{0,30}\b(?:seuls?|"
        r"toute la journee|des jours)\b",
        # control, monitoring, money, isolation, humiliation, stalking
        r"\b(?<!je )(?:fouille|regarde|controle|lit) (?:mon|mes) (?:telephone|tel|portable|messages|mails)\b",
        r"\b(?:airtag|traceur|gps|camera cachee|geolocalis\w*|compteur kilometrique)\b",
        r"\b(?:prend|garde|confisque) (?:tout )?(?:mon|ma|mes) (?:salaire|argent|carte|paie)\b",
        r"\bjustifier chaque (?:euro|franc|centime|depense)\b",
        r"\b(?:m'interdit|me defend|refuse que je) (?:de )?(?:voir|sortir|travailler|parler|appeler|revoir)\b",
        r"\b(?:a efface|m'a fait effacer|m'a fait supprimer|me fait supprimer) (?:tous )?"
        r"(?:le numero|les numeros|mes contacts)\b",
        r"\b(?:me traite de|me dit que je suis) (?:grosse|conne|nulle|moche|folle|pute|salope|bonne a rien)\b",
        r"\bpersonne (?:ne )?(?:voudra|voudrait) de (?:moi|toi)\b",
        r"\b(?:me suit|m'attend devant|debarque a mon travail|adresse que j'ai donnee a personne)\b",
        r"\b(?:faux compte|compte a mon nom|faux profil)\b",
        # sexual
        r"\b(?:m'oblige|m'a obligee?|me force|m'a forcee?) a (?:coucher|faire l'amour|des choses|avoir des rapports)\b",
        r"\b(?:j'ai dit non|je dis non)\b[^.!?]{0,40}\b(?:continue|quand meme|insiste|force)\b",
        # suicide and self-harm
        r"\b(?:m'endormir|dormir) et (?:ne )?(?:plus )?jamais (?:me )?reveiller\b",
        r"\b(?:plus envie d'etre la|a quoi bon continuer|je vois plus l'interet de continuer|fatiguee? de vivre)\b",
        r"\b(?:un fardeau|mieux sans moi|personne ne remarquerait)\b",
        r"\b(?:lettres? d'adieu|dire adieu|j'ai dit au revoir a tout le monde|occupez-vous de mon (?:chien|chat))\b",
        r"\bne (?:sait|savent|saura) pas que c'? ?est la derniere fois\b|\bc'? ?est mon dernier message\b",
        r"\b(?:corde|cachets|medicaments|doliprane|falaise|pont)\b[^.!?]{0,40}\b(?:courage|combien|suffit|achete|"
        r"garde|sauter)\b",
        r"\bje me (?:brule|coupe|scarifie|griffe|frappe)\b",
    ),
}
# "Je n'ai aucune envie de me faire du mal", "no tengo ninguna intención de...": "aucune" and "ninguna" deny
# as "pas" does.
_NEGATED: Final = re.compile(
    r"\b(?:no|nao|ne|pas|jamais|nunca|nem|ni|sin|sem|sans|aucune?|ningun[ao]?)\b(?:\W+\w+){0,3}\W*$"
)
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
