"""The dev set as the extractor's regression guards were measured on it.

The guards on dev-set figures (floors on recall and precision, a bound on boilerplate hits)
were set on the articles that existed when they were written. Articles added later for a
new purpose (the fourth batch, written to measure conflicts) were never tuned on; they are
measured with `kg eval --fixtures` instead, so that a guard keeps meaning "no regression on
the articles it was set on" rather than moving each time blind articles arrive.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.paths import FIXTURES

DEV = FIXTURES / "devset" / "dev"

# The fourth batch's dev articles (conflict gold written with the articles; see the dev
# set's README).
FOURTH_BATCH_DEV = frozenset(
    {
        "opinion-chinese-magnet-jv-detroit",
        "regional-indonesia-nickel-offer-us-tariffs",
        "regional-kazakhstan-tungsten-concentrate-ban",
        "statement-ukraine-titanium-partnership-eu",
        "trade-btr-graphite-offer-korea-anodes",
        "trade-rusal-aluminium-offer-us-buyers",
        "wire-us-asks-china-resume-gallium",
        "wire-us-lifts-belarus-potash-sanctions",
    }
)

# The fifth batch's dev articles from the Europe / North America / Russia-Ukraine / Australia /
# Middle East engineer (blind, split drawn before writing; conflict gold written with them):
# like the fourth batch, measured with `kg eval --fixtures`, not by the guards.
FIFTH_BATCH_EUROPE_DEV = frozenset(
    {
        "analysis-greenland-rare-earths-not-for-sale",
        "mw-saudi-maaden-mp-materials-refinery",
        "opinion-europe-refining-not-mining",
        "pr-keliber-eib-lithium-loan",
        "regional-serbia-eu-lithium-partnership",
        "statement-turkey-rare-earths-offer-us",
        "trade-tenex-enriched-uranium-offer-us-utilities",
        "wire-canada-minerals-offer-tariff-relief",
        "wire-rdif-arctic-rare-earths-offer",
        "wire-ukraine-dobra-lithium-deal",
    }
)

# The fifth batch's dev articles from the Asia / Africa / Latin America engineer (written blind,
# split drawn before writing; see the commit that added the first of them).
FIFTH_BATCH_ASIA_DEV = frozenset(
    {
        "regional-philippines-nickel-offer-us-tariff",
        "wire-guinea-bauxite-ega-export-block",
        "trade-vietnam-rare-earth-ore-export-ban-korea",
        "analysis-peru-chancay-copper-china",
        "wire-zambia-lobito-dfc-loan-hichilema",
    }
)

# The sixth batch's dev articles from the Asia-Pacific / Africa / Latin America / Gulf engineer
# (first half of the batch; written blind, split drawn before writing, seed in the message of
# the commit that added the first of them).
SIXTH_BATCH_ASIA_DEV = frozenset(
    {
        "wire-niger-orano-arlit-uranium-offer",
        "statement-india-mea-briefing-rare-earth-magnets",
        "pr-cerrado-grafite-us-offtake-tariff-exclusion",
        "analysis-gulf-funds-congo-cobalt-quota-offer",
        "pr-ega-gallium-plant-offer-us-buyers",
        "statement-nigeria-lithium-ore-export-ban-us-partnership",
        "trade-lithium-prices-argentina-duty-bolivia-contracts",
    }
)

# The sixth batch's dev articles from the North America / Europe / UK / Russia-Ukraine-Central
# Asia / Japan-Korea engineer (blind, split drawn before writing; conflict gold written with
# them): measured with `kg eval --fixtures`, not by the guards.
SIXTH_BATCH_WEST_DEV = frozenset(
    {
        "analysis-korea-lithium-hydroxide-china-jv",
        "legis-senate-panel-gallium-price-floor-bill",
        "opinion-uk-lithium-strategy-needs-buyers",
        "presser-japan-meti-dual-use-ban-stockpile",
        "trade-heavy-rare-earth-prices-korea-fast-track-ask",
        "wire-kyrgyzstan-antimony-offer-eu-sanctions",
        "wire-uzbekistan-tungsten-stakes-offer-korea",
    }
)

# The seventh batch's dev articles (15 articles on all regions, written blind by an engineer
# who had not read the extractor; split drawn from os.urandom before writing, seed in the
# message of the commit that added the first of them). Committed in batches so that other
# engineers can score each batch before reading it.
SEVENTH_BATCH_DEV = frozenset(
    {
        "wire-zimbabwe-lithium-concentrate-ban-exemption-ask",
        "pr-lkab-sojitz-rare-earth-mou-energy-agency-grant",
        "presser-mofcom-general-licences-eu-drc-cobalt-quota",
        "trade-ndpr-prices-brazil-rare-earth-offer-us-tariff",
        "opinion-taiwan-gallium-stockpile-japan-recycling-offer",
        "regional-uae-irh-mkuju-uranium-offer-mopani-stake",
        "statement-namibia-ore-ban-copper-extension-us-framework-offer",
        "newsletter-turkey-eti-maden-boron-offer-byd-ev-tariff",
        "regional-india-irel-neodymium-japan-halt-toyota-tsusho-ask",
    }
)

# The eighth batch's dev articles (12 articles on regions and genres the earlier batches cover
# little, written blind by an engineer who had not read the extractor; split drawn from
# os.urandom before writing, seed in the message of the commit that added the first of them).
# Committed in batches so that other engineers can score each batch before reading it.
EIGHTH_BATCH_DEV = frozenset(
    {
        "wire-mali-lithium-concentrate-suspension-exemption-ask",
        "trade-pgm-prices-russian-palladium-duty-pretoria-ask",
        "presser-doe-gallium-grant-nickel-loan-kazakh-offer",
        "pr-ankarana-graphite-offtake-madagascar-processing-rule",
        "analysis-eu-germanium-kghm-china-licence-offer-ev-duties",
        "regional-malawi-ore-ban-us-exemption-ask-uranium-stake-offer",
        "wire-laos-rare-earth-export-suspension-japan-offer",
    }
)

# The ninth batch's dev articles (24 articles on all regions and genres, written blind by an
# engineer who had not read the extractor; split drawn from os.urandom before writing, seed in
# the message of the commit that added the first of them). Committed in batches so that other
# engineers can score each batch before reading it.
NINTH_BATCH_DEV = frozenset(
    {
        "wire-kenya-raw-ore-export-ban-manara-separation-offer",
        "trade-tungsten-apt-prices-vietnam-concentrate-duty-korean-ask",
        "presser-brazil-mme-rare-earths-us-offer-bndes-loan",
        "pr-karrabin-graphite-efa-loan-kisaragi-offtake",
        "opinion-us-antimony-floor-price-bill-not-enough",
        "newsletter-battery-metals-argentina-duty-cut-drc-quota-ask",
        "statement-ghana-lithium-lease-miif-stake-raw-ore-ban-2027",
        "wire-tanzania-graphite-export-permit-freeze-posco-exemption-ask",
        "regional-georgia-silicomanganese-eu-safeguard-exemption-ask",
        "trade-uranium-spot-prices-utility-waiver-ask-russian-swu",
        "wire-rosatom-lithium-offer-india-us-tariff-backdrop",
        "gov-uk-sanctions-metals-trader-ukef-lithium-kazakh-roadmap",
        "comment-eu-joint-purchasing-rare-earths-china-general-licences",
        "wire-us-weighs-processed-minerals-tariff-japan-korea-exemption-offers",
        "presser-mofcom-lfp-technology-controls-antimony-japan-denial",
        "pr-noumea-nickel-french-state-loan-export-authorisation-ask",
        "wire-myanmar-junta-heavy-rare-earths-offer-us-sanctions",
        "trade-copper-premiums-zambia-concentrate-duty-jiangxi-waiver-ask",
        "regional-quebec-graphite-cib-loan-chinese-anode-offer-steel-surtax",
    }
)

# The tenth batch's dev articles (24 articles on all regions and genres, written blind by an
# engineer who had not read the extractor; split drawn from os.urandom before writing, seed in
# the message of the commit that added the first of them). Committed in batches so that other
# engineers can score each batch before reading it; not yet fitted on.
TENTH_BATCH_DEV = frozenset(
    {
        "wire-gabon-manganese-ore-ban-2029-comilog-phase-in-ask",
        "trade-tin-prices-indonesia-ingot-approval-halt-malaysia-ask",
        "presser-mexico-economy-tariffs-chinese-lithium-plant-offer",
        "pr-serra-litio-eib-loan-portugal-grant-rheinkathode-offtake",
        "opinion-seabed-nodules-cook-islands-china-pact-tmc-noaa-application",
        "newsletter-south-africa-pgm-tariff-ask-philippine-ore-bill-qia-stake",
        "wire-venezuela-coltan-gold-offer-us-sanctions-relief",
        "statement-morocco-phosphate-cobalt-offer-us-countervailing-duties",
        "regional-swiss-seco-russian-metals-import-ban-embassy-offer-trader-licence-ask",
        "wire-pakistan-antimony-rare-earths-offer-us-tariff-mou",
        "analysis-india-magnet-subsidy-scheme-china-licence-ask",
        "wire-cuba-moa-nickel-cobalt-stakes-offer-china-russia-us-embargo",
        "gov-sri-lanka-vein-graphite-export-ban-2027-india-plant-offer-us-tariff-ask",
        "trade-vanadium-prices-eu-russian-ferrovanadium-ban-moscow-delay-ask",
        "pr-al-hajar-copper-oia-equity-ekn-guarantee-anadolu-offtake",
        "presser-ethiopia-tantalum-concentrate-suspension-chinese-exemption-ask-dfc-offer",
        "regional-armenia-molybdenum-export-duty-plan-us-delisting-ask-eu-offer",
        "legis-australia-senate-processing-tax-incentive-greens-ore-ban-rejected-us-reserve-ask",
    }
)

# The eleventh batch's dev articles (24 articles on all regions and genres, written blind by an
# engineer who had not read the extractor; split drawn from os.urandom before writing, seed in
# the message of the commit that added the first of them). Committed in batches so that other
# engineers can score each batch before reading it; not yet fitted on.
ELEVENTH_BATCH_DEV = frozenset(
    {
        "trade-cobalt-hydroxide-payables-drc-quota-chinese-refiners-lobby",
        "liveblog-niger-yellowcake-export-halt-orano-ask-rosatom-offer",
        "interview-kazakhstan-deputy-minister-tungsten-licensing-eu-stake-offer-us-exemption-ask",
        "explainer-guinea-bauxite-surcharge-refinery-waiver-offers-ega-exemption-ask",
        "earnings-call-sqm-q4-codelco-jv-china-technology-licences-lges-offer",
        "legis-poland-sejm-minerals-fund-bill-scrap-ban-rejected-russian-nickel-resolution",
        "court-mexico-supreme-court-ganfeng-concessions-litiomx-settlement-offer-tariffs",
        "opinion-japan-korea-joint-rare-earth-stockpile-seoul-licence-ask",
        "newsletter-zimbabwe-lithium-export-permit-freeze-yahua-ask-namibia-rare-earth-pitch",
        "wire-us-entity-list-chinese-cobalt-refiners-hongtai-delisting-ask-gm-pitch",
        "statement-saudi-mimr-copper-duty-exemption-request-jogmec-mou-shield-licences",
        "wire-malaysia-raw-rare-earth-ban-stays-china-refinery-pitch-sojitz-exemption-ask",
        "trade-antimony-prices-tajik-concentrate-levy-talco-ask-kadamjai-offer-usac",
        "regional-brazil-lithium-valley-us-tariff-relief-pitch-bndes-sigma-loan",
        "pr-kootenay-germanium-cgf-equity-edc-guarantee-mitsubishi-offtake-dla-offer",
        "statement-ukraine-economy-ministry-fund-graphite-project-nsdc-titanium-sanctions-russia-offer",
        "wire-egypt-black-sand-export-suspension-irh-monazite-ask-qia-fund",
        "wire-peru-asks-us-copper-rod-tariff-exemption-jbic-tia-maria-loan",
    }
)

# The twelfth batch's dev articles (24 articles on all regions and genres, written blind by an
# engineer who had not read the extractor; split drawn from os.urandom before writing, seed in
# the message of the commit that added the first of them). Committed in batches so that other
# engineers can score each batch before reading it; not yet fitted on.
TWELFTH_BATCH_DEV = frozenset(
    {
        "filing-digest-greenland-rare-earths-eifo-guarantee-exim-letter-posco-pitch",
        "thinktank-nordic-graphite-china-licences-price-floor-proposal-levy-dropped",
        "agency-mongolia-korea-rare-earth-offer-tungsten-stockpile-ask-fluorspar-permits",
        "parliament-spain-tungsten-licence-request-mofcom-export-tax-denied-cofides-loan",
        "market-wrap-graphite-mozambique-export-levy-anode-maker-waiver-lobby-drc-cobalt-quotas",
        "wire-colombia-ferronickel-us-tariff-waiver-ask-korea-pitch-ecuador-copper-authorisation",
        "pr-nyabarongo-tantalum-refinery-afc-loan-rheintal-offer-eu-sanctions-rmb",
        "opinion-africa-ore-bans-need-buyers-ghana-manganese-offer-us-ivorian-draft-ban",
        "newsletter-lithium-argentina-duty-zero-salta-japan-pitch-chile-lfp-licence-ask-iq-equity",
        "customs-pakistan-sro-raw-antimony-chromite-export-ban-exporters-grace-ask-guangxi-offer",
        "tv-transcript-uganda-minister-raw-ore-ban-uae-smelter-offer-chinese-cobalt-denial-isdb-loan",
        "statement-wa-producers-council-us-tariff-exemption-push-price-floor-ask-indonesia-nickel",
        "brief-sierra-leone-nma-freezes-chinese-iron-ore-miner-export-licence-arrears-offer-correction",
        "wire-iraq-akashat-phosphate-concession-offer-turkiye-raw-rock-export-ban-pipeline-resumed",
        "wire-png-customs-holds-nickel-cobalt-shipments-refiner-release-ask-efa-offer-revocation-denied",
        "statement-algeria-energy-mines-ministry-italy-zinc-offer-iron-ore-ban-helium-denial",
    }
)

# The thirteenth batch's dev articles (24 articles in the judged genre mix: wire copy, trade
# press, regional business news, analysis and statements; written blind by an engineer who had
# not read the extractor; split drawn from os.urandom before writing, seed in the message of the
# commit that added the first of them). Committed in batches of four so that other engineers can
# score each batch before reading it; not yet fitted on.
THIRTEENTH_BATCH_DEV = frozenset(
    {
        "wire-uzbekistan-tungsten-offer-eu-concentrate-ban-ebrd-loan",
        "trade-nickel-pig-iron-prices-indonesia-export-duty-chinese-mills-delay-ask",
        "regional-finland-kainuu-nickel-sulphate-state-equity-finnvera-chinese-stake-pitch",
        "wire-bolivia-lithium-offer-us-tariff-removal-uranium-one-contract-suspended",
        "analysis-norway-fen-rare-earths-grant-german-magnet-pitch-eu-price-floor",
        "regional-sonora-chinese-cathode-plant-pitch-mexico-tariffs-litiomx-budget",
        "trade-lithium-carbonate-prices-chile-corfo-preferential-price-posco-us-tariff-exemption-ask",
        "wire-vietnam-halts-rare-earth-ore-exports-komir-separation-offer-jogmec-mou",
        "statement-serbia-mining-ministry-jadar-eu-cofinancing-proposal-china-offer-denied",
        "trade-uranium-prices-kazatomprom-us-utilities-offer-russian-enriched-ban-cnnc-contract",
        "wire-philippines-asks-us-nickel-tariff-exemption-dfc-palawan-guarantee-ore-ban-bill",
        "regional-sudbury-nickel-sulphate-refinery-ontario-grant-cib-loan-sumitomo-offtake-offer-us-tariff-lobby",
        "wire-egypt-phosphate-rock-export-duty-indian-exemption-ask-maaden-pitch",
        "explainer-price-floors-stockpiles-pentagon-mp-japan-jogmec-australia-reserve-offer",
        "trade-tin-prices-indonesia-ingot-hold-trader-release-ask-wa-man-maw-lifted",
        "regional-minas-gerais-araxa-rare-earths-bdmg-loan-finep-grant-sojitz-pitch-us-tariff-talks",
    }
)

UNGUARDED_DEV = (
    FOURTH_BATCH_DEV
    | FIFTH_BATCH_EUROPE_DEV
    | FIFTH_BATCH_ASIA_DEV
    | SIXTH_BATCH_ASIA_DEV
    | SIXTH_BATCH_WEST_DEV
    | SEVENTH_BATCH_DEV
    | EIGHTH_BATCH_DEV
    | NINTH_BATCH_DEV
    | TENTH_BATCH_DEV
    | ELEVENTH_BATCH_DEV
    | TWELFTH_BATCH_DEV
    | THIRTEENTH_BATCH_DEV
)


# Dev articles added after the learned models (kg/extract/roles.json, confidence.json) were last
# fitted. The model-file check refits on the dev set without them, so that a new blind article
# neither fails the check nor gets fitted on before other engineers have run their unseen check
# on it. Whoever refits the models on the merged dev set empties this set.
# The tenth batch stays out on purpose: after the tenth session's merges, models fitted on all
# 138 dev articles matched fewer gold events on those same 138 (524 against 534, precision 66.4%
# against 67.3%) than models fitted on the 120 without it; the fit maximises the likelihood of
# the rules' choices, not `kg eval`'s matches, and the new batch pulled it the wrong way.
# The eleventh session found the same with the eleventh batch: fitted on all 156 dev articles,
# the models matched 592 gold events of the 156 (precision 66.8%); fitted on the 120 without the
# tenth and eleventh batches, 599 (67.5%). So both batches stay out.
# The twelfth and thirteenth batches are new and blind: not fitted on until the lead refits.
NOT_YET_FITTED_DEV: frozenset[str] = (
    TENTH_BATCH_DEV | ELEVENTH_BATCH_DEV | TWELFTH_BATCH_DEV | THIRTEENTH_BATCH_DEV
)


def _copy_dev(dest: Path, leave_out: frozenset[str]) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for text in sorted(DEV.glob("*.txt")):
        if text.stem in leave_out:
            continue
        gold = text.with_name(text.stem + ".expected.yaml")
        shutil.copy(text, dest / text.name)
        shutil.copy(gold, dest / gold.name)
    return dest


def guarded_dev_set(dest: Path) -> Path:
    """Copy the dev articles the guards were set on (all but the fourth to sixth batches) into
    ``dest`` and return it."""
    return _copy_dev(dest, UNGUARDED_DEV)


def fitted_dev_set(dest: Path) -> Path:
    """Copy the dev articles the learned models were fitted on (all but ``NOT_YET_FITTED_DEV``)
    into ``dest`` and return it; name ``dest`` "dev" so the model's ``fitted_on`` matches."""
    return _copy_dev(dest, NOT_YET_FITTED_DEV)
