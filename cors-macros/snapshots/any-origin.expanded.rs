use cors_runtime::cors;
async fn public_data() -> &'static str {
    "{}"
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct public_data {}
impl ::cors_runtime::CorsHandler for public_data {
    const METHODS: ::cors_runtime::__private::MethodSet = ::cors_runtime::__private::MethodSet::GET
        .union(::cors_runtime::__private::MethodSet::HEAD);
    const POLICY: &'static ::cors_runtime::__private::Policy = {
        static POLICY: ::cors_runtime::__private::Policy = ::cors_runtime::__private::Policy::new(
                "public_data",
                ::cors_runtime::__private::MethodSet::GET
                    .union(::cors_runtime::__private::MethodSet::HEAD),
            )
            .any_origin()
            .any_header()
            .expose_any()
            .max_age(86400);
        &POLICY
    };
}
fn main() {}
