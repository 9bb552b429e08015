#ifndef AUTHMATCH_AUTHMATCH_HPP
#define AUTHMATCH_AUTHMATCH_HPP

// Everything authmatch offers, in one include.
#include <authmatch/auth_rules.hpp>
#include <authmatch/authorization.hpp>
#include <authmatch/authorization_index.hpp>
#include <authmatch/claim_line.hpp>
#include <authmatch/claim_record.hpp>
#include <authmatch/claim_sink.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>
#include <authmatch/enrollment.hpp>
#include <authmatch/error.hpp>
#include <authmatch/finding.hpp>
#include <authmatch/finding_fields.hpp>
#include <authmatch/html_report.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/npi.hpp>
#include <authmatch/output.hpp>
#include <authmatch/payer_profiles.hpp>
#include <authmatch/reconcile.hpp>
#include <authmatch/remittance.hpp>
#include <authmatch/review.hpp>
#include <authmatch/rule_presets.hpp>
#include <authmatch/validator.hpp>
#include <authmatch/version.hpp>
#include <authmatch/x12/place_of_service.hpp>
#include <authmatch/x12/reader.hpp>

#endif
