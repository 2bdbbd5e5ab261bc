#include <catch2/catch.hpp>

#include <ctorm/reflect/field_names.hpp>
#include <ctorm/reflect/member.hpp>
#include <ctorm/reflect/type_name.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace blog {
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::optional<std::int64_t> reviewer_id{};
  std::string title{};
  std::vector<std::byte> _raw2{};
};
namespace inner {
struct PostTag {
  std::int64_t post_id{};
  std::int64_t tag_id{};
};
}  // namespace inner
template <class T>
struct Box {
  T value{};
};
}  // namespace blog

namespace {
struct Hidden {
  int a{};
  double b{};
};
}  // namespace

using blog::Post;

TEST_CASE("field count and types come from Boost.PFR", "[reflect]") {
  STATIC_REQUIRE(ctorm::field_count<Post> == 5);
  STATIC_REQUIRE(std::is_same_v<ctorm::field_type<Post, 2>, std::optional<std::int64_t>>);
  STATIC_REQUIRE(std::is_same_v<ctorm::field_type<Post, 3>, std::string>);
}

TEST_CASE("field names of an aggregate", "[reflect]") {
  STATIC_REQUIRE(ctorm::field_name<Post, 0> == "id");
  STATIC_REQUIRE(ctorm::field_name<Post, 1> == "author_id");
  STATIC_REQUIRE(ctorm::field_name<Post, 2> == "reviewer_id");
  STATIC_REQUIRE(ctorm::field_name<Post, 4> == "_raw2");
  STATIC_REQUIRE(ctorm::field_names<blog::inner::PostTag>[1] == "tag_id");
  STATIC_REQUIRE(ctorm::field_names<Hidden>.size() == 2);
  STATIC_REQUIRE(ctorm::field_names<Hidden>[1] == "b");
  STATIC_REQUIRE(ctorm::field_names<blog::Box<int>>[0] == "value");
}

TEST_CASE("a member pointer names its owner, type, index and name", "[reflect]") {
  STATIC_REQUIRE(std::is_same_v<ctorm::member_owner<&Post::author_id>, Post>);
  STATIC_REQUIRE(std::is_same_v<ctorm::member_type<&Post::reviewer_id>, std::optional<std::int64_t>>);
  STATIC_REQUIRE(ctorm::member_index<&Post::id> == 0);
  STATIC_REQUIRE(ctorm::member_index<&Post::title> == 3);
  STATIC_REQUIRE(ctorm::member_name<&Post::author_id> == "author_id");
  STATIC_REQUIRE(ctorm::member_name<&blog::inner::PostTag::tag_id> == "tag_id");
  STATIC_REQUIRE(ctorm::DataMember<&Post::title>);
  STATIC_REQUIRE_FALSE(ctorm::DataMember<42>);
}

TEST_CASE("type names drop namespaces and template arguments", "[reflect]") {
  STATIC_REQUIRE(ctorm::type_name<Post> == "Post");
  STATIC_REQUIRE(ctorm::type_name<blog::inner::PostTag> == "PostTag");
  STATIC_REQUIRE(ctorm::type_name<Hidden> == "Hidden");
  STATIC_REQUIRE(ctorm::type_name<blog::Box<blog::inner::PostTag>> == "Box");
}

TEST_CASE("reflected names live in static storage", "[reflect]") {
  // Taken at run time, the views must still point at valid text.
  const std::string_view names[] = {ctorm::field_name<Post, 1>, ctorm::member_name<&Post::title>,
                                    ctorm::type_name<blog::inner::PostTag>};
  CHECK(std::string(names[0]) == "author_id");
  CHECK(std::string(names[1]) == "title");
  CHECK(std::string(names[2]) == "PostTag");
}
