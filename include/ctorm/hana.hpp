#pragma once
/// \file
/// Opt-in: tables from types described with Boost.Hana.
///
/// After this header, a type described with `BOOST_HANA_DEFINE_STRUCT` or
/// `BOOST_HANA_ADAPT_STRUCT` maps to a table exactly like a plain aggregate: `ctorm::Table<T>`,
/// member pointers in options, relations and queries, reads and writes. Its fields, their names
/// and types come from the description, so it may be a class with constructors and invariants,
/// have members that are not columns, or be declared inside a function. Rows are read by
/// default-constructing it and assigning each described member. Include it before the first
/// use of such a type with ctorm; `<ctorm/ctorm.hpp>` does not include Boost.Hana.

#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/define_struct.hpp>

#include "ctorm/reflect/hana.hpp"
