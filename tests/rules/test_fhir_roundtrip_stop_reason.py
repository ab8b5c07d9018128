"""The FHIR Bundle the export writes can be assessed: a MedicationStatement's statusReason is a list there."""
from __future__ import annotations

import json

from casecourse.api import analyze_text
from casecourse.export.fhir import to_fhir_json
from casecourse.rules.fhir_in import bundle_to_course


def test_stop_reason_survives_the_round_trip() -> None:
    course = analyze_text("In May 2018 he was started on methotrexate 15 mg weekly. Methotrexate was discontinued in "
                          "June 2018 because of hepatotoxicity.", assess=False)
    reasons = [x.stop_reason for x in course.exposures if x.stop_reason]
    assert reasons, "the example must give a stop reason"
    bundle = json.loads(to_fhir_json(course))
    back = bundle_to_course(bundle)
    assert [x.stop_reason for x in back.exposures if x.stop_reason] == reasons
