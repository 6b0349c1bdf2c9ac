"""Official places: regions and départements with their codes, found despite OCR damage."""
from maillage.graph.model import Document
from maillage.nlp.places import official_place


def test_regions_and_departements_with_codes_and_ocr_damage():
    assert official_place("Finistère") == ("departement", "29", "Finistère")
    assert official_place("Finistére")[:2] == ("departement", "29")
    assert official_place("Cotes d'Armor")[:2] == ("departement", "22")
    assert official_place("Corse-du-Sud")[1] == "2A"
    assert official_place("Bretagne")[:2] == ("region", "53")
    assert official_place("rue des Tanneurs") is None and official_place("Pour la troisième année") is None


def test_extracted_places_carry_their_official_level(extractor):
    batch = extractor.extract("La SCIC Bois Vert est installée dans le Finistère, en Bretagne.",
                              Document(id="d", path="d.txt"))
    levels = {t.name: (t.level, t.code) for t in batch.territories}
    assert levels.get("Finistère") == ("departement", "29")
