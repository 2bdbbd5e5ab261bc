#pragma once
/// \file
/// ctorm: a compile-time ORM for C++20. Include this header for everything, on SQLite (the
/// embedded default); `ctorm/postgresql.hpp` adds PostgreSQL.

#include "ctorm/core.hpp"
#include "ctorm/sqlite.hpp"
