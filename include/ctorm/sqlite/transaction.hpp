#pragma once
/// \file
/// SQLite's transactions: `ctorm::Transaction`, begun as `BEGIN IMMEDIATE` (or DEFERRED,
/// EXCLUSIVE); nested ones are savepoints. See `basic_transaction`.

#include "ctorm/sqlite/connection.hpp"
#include "ctorm/transaction.hpp"

namespace ctorm {

/// A transaction on a SQLite database (`db.transaction(mode)`).
using Transaction = basic_transaction<sqlite_backend::connection>;

}  // namespace ctorm
