"""French user-facing text, kept in one place."""

ABSTAIN = "Je ne trouve pas cette information dans les documents."
ABSTAIN_FOR = "J’ai cherché ce qui concerne « {job} »."
COVERS = "Les documents portent notamment sur : {topics}."
COVERS_ASPECTS = "Vous pouvez m’interroger sur leurs salaires, missions, formations, compétences et employeurs."
EMPTY_QUESTION = "Posez une question, par exemple : « quelles études pour ce métier ? »"
TOO_LONG = "Votre message fait {length} caractères : raccourcissez-le à {limit} caractères au plus, s’il vous plaît."
INTERNAL_ERROR = "Désolé, une erreur interne m’empêche de répondre. Réessayez dans un instant ; le détail est dans le journal."
INDEX_MISSING = "L’index n’existe pas encore : lancez « assistant ingest » pour le construire."
MODEL_MISMATCH = "L’index a été construit avec un autre modèle d’embeddings : relancez « assistant ingest »."
SOURCES = "Sources"

# ---- chat app (assistant chat) ----------------------------------------------------------------------------
APP_TITLE = "Conseiller Carrières IA"
APP_TAGLINE = (
    "Posez vos questions sur les métiers décrits dans les documents : salaires, missions, études, "
    "compétences, employeurs. Chaque réponse est tirée des documents et renvoie à ses sources."
)
WHAT_TO_ASK = "**Ce que je connais :** {topics}."
EXAMPLE_SALARY = "Combien gagne-t-on comme {job} ?"
EXAMPLE_STUDIES = "Quelles études pour devenir {job} ?"
EXAMPLE_MISSIONS = "En quoi consiste le métier {of}{job} ?"
EXAMPLE_HIRING = "Qui recrute pour le métier {of}{job} ?"
CHAT_LABEL = "Conversation"
CHAT_PLACEHOLDER = "Posez votre question sur un métier…"
CHAT_SUBMIT = "Envoyer"
CHAT_EMPTY = "Bonjour ! Choisissez un exemple ou posez votre propre question."
SOURCES_WAITING = "Les sources de la réponse s’afficheront ici, avec le passage cité surligné."
SOURCES_NONE = "Aucune source : les documents ne contiennent pas la réponse à cette question."
RESOLVED_AS = "Question comprise comme : « {question} »"
FEEDBACK_THANKS = "Merci pour votre avis !"
CHAT_FOOTNOTE = (
    "Fonctionne hors ligne. Votez sur chaque réponse avec les pouces : vos avis sont enregistrés sur cet "
    "ordinateur pour améliorer les réponses."
)
CHAT_BUILDING_INDEX = "Pas encore d’index dans {index} : construction à partir des documents de {corpus}…"
CHAT_URL = "Ouvrez {url} dans votre navigateur (Ctrl+C pour arrêter)."
CHAT_INPUT_LABEL = "Votre question"
