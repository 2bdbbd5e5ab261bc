#pragma once
/// \file
/// ctorm: a compile-time ORM for C++20 over SQLite. Include this header for everything.

#include "ctorm/database.hpp"
#include "ctorm/error.hpp"
#include "ctorm/reflect/field_names.hpp"
#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/reflect/member.hpp"
#include "ctorm/reflect/naming.hpp"
#include "ctorm/reflect/type_name.hpp"
#include "ctorm/schema/options.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/schema/table.hpp"
#include "ctorm/sql/crud.hpp"
#include "ctorm/sql/ddl.hpp"
#include "ctorm/sql/dialect.hpp"
#include "ctorm/sqlite/connection.hpp"
#include "ctorm/sqlite/transaction.hpp"
#include "ctorm/types/chrono.hpp"
#include "ctorm/types/enum.hpp"
#include "ctorm/types/value_traits.hpp"
