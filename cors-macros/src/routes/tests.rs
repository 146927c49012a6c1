use super::*;

fn expanded(input: TokenStream) -> String {
    expand(input).to_string()
}

#[test]
fn layers_run_in_the_order_written_path_first() {
    let out = expanded(quote!(krate; list(layers = [a, b]), create; layers = [p, q]));
    let list = out
        .split(". handler ::")
        .nth(1)
        .expect("the first handler is mounted");
    // The outermost call is the first layer of the path; the innermost, the
    // handler's last layer.
    let order: Vec<usize> = ["__cors_layer0", "__cors_layer1", "a", "b", "Id"]
        .iter()
        .map(|needle| {
            list.find(&format!("{needle} "))
                .or_else(|| list.find(&format!("{needle})")))
                .unwrap_or_else(|| panic!("{needle} in {list}"))
        })
        .collect();
    // `Handler::layer(Handler::layer(..., b), a)`: the outer layer's name comes last.
    assert!(
        order[4] < order[3] && order[3] < order[2] && order[2] < order[1] && order[1] < order[0],
        "{list}"
    );
    assert!(
        out.contains("let __cors_layer0 = {")
            && out.contains("inside_policy (p) } ; let __cors_layer1 = {")
            && out.contains("inside_policy (q) } ;"),
        "{out}"
    );
}

#[test]
fn every_layer_is_checked_once_and_a_fn_is_named_in_the_messages() {
    let out = expanded(
        quote!(krate; list(layers = [auth::require_auth]); layers = [
            TimeoutLayer::new(Duration::from_secs(1)),
            MyLayer,
            auth::auth,
        ]),
    );
    assert_eq!(out.matches("inside_policy").count(), 4, "{out}");
    assert!(
        out.contains("struct require_auth { } < krate :: __private :: CheckLayer < require_auth >> :: inside_policy (auth :: require_auth)"),
        "{out}"
    );
    // Not a fn's name, or a name the struct would shadow: the generic name.
    for layer in [
        "TimeoutLayer :: new (Duration :: from_secs (1))",
        "MyLayer",
        "auth :: auth",
    ] {
        assert!(
            out.contains(&format!(
                "< krate :: __private :: CheckLayer < krate :: __private :: your_fn >> :: inside_policy ({layer})"
            )),
            "{layer} in {out}"
        );
    }
}

#[test]
fn every_name_is_checked_and_generic_arguments_are_dropped_there() {
    let out = expanded(quote!(krate; api::list::<AppState>, create));
    assert!(out.contains("Probe < _ >> :: new (api :: list)"), "{out}");
    assert!(out.contains("Probe < _ >> :: new (create)"), "{out}");
    assert!(
        out.contains("Id < api :: list :: < () > > as krate :: CorsHandler >"),
        "{out}"
    );
    assert!(
        out.contains("Id :: < api :: list :: < AppState > > :: handler"),
        "{out}"
    );
}

#[test]
fn mistakes_name_the_fix() {
    for (input, message) in [
        (quote!(krate;), "needs at least one `#[cors]` handler"),
        (
            quote!(krate; list; layer = [a]),
            "unknown `cors_routes!` option `layer`",
        ),
        (
            quote!(krate; list; options = f, options = g),
            "`options` is given twice",
        ),
        (
            quote!(krate; list(layer = [a])),
            "write `list(layers = [..])`",
        ),
        (quote!(krate; list; layers = a), "`layers` takes a list"),
        (
            quote!(krate; "list"),
            "expected the name of a `#[cors]` handler",
        ),
        (
            quote!(krate; h, layers = [a]),
            "`layers = ..` comes after a `;`, not a `,`: write `cors_routes![h; layers = [a]]`",
        ),
        (
            quote!(krate; a, api::b(layers = [x]), options = f),
            "write `cors_routes![a, api::b(layers = [x]); options = f]`",
        ),
        (
            quote!(krate; a; b(layers = [x])),
            "`b` is a handler: handlers go before the `;`, and after it only `layers = [..]` and `options = handler`: write `cors_routes![a, b(layers = [x])]`",
        ),
        (
            quote!(krate; a; layers = [x], b, options = f),
            "write `cors_routes![a, b; layers = [x], options = f]`",
        ),
        (
            quote!(krate; a b),
            "expected `,` between two handlers: write `cors_routes![a, b]`",
        ),
        (
            quote!(krate; a layers = [x]),
            "expected `;` between the handlers and the options: write `cors_routes![a; layers = [x]]`",
        ),
        (
            quote!(krate; list<AppState>),
            "type arguments after a handler's name take `::`, as in any expression: write `list::<AppState>`",
        ),
        (
            quote!(krate; api::list<_>),
            "write `cors_routes![api::list::<AppState>]`",
        ),
        (
            quote!(krate; a; layers [x]),
            "expected `=` after `layers`: write `layers = [..]`",
        ),
        (
            quote!(krate; a(layers [x])),
            "expected `=` after `layers`: write `a(layers = [..])`",
        ),
        (
            quote!(krate; a; layers = [x] options = f),
            "unexpected `options` in `cors_routes!`: expected `,` between two options",
        ),
        (
            quote!(krate; layers = [x]),
            "`cors_routes!` lists its handlers first, then a `;` and the options: `cors_routes![list_users; layers = [x]]`",
        ),
        (
            quote!(krate; a: b),
            "unexpected `:` in `cors_routes!`: expected `,` between two handlers, or `;`",
        ),
    ] {
        let out = expanded(input);
        assert!(out.contains(message), "{message} not in {out}");
    }
}
