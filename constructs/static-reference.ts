import { type IResolvable, type IResolveContext, type ITerraformDependable, Token } from "cdktf";

/** Resolves to the target's address with no `${…}` around it (and none around the references inside). */
class BareAddress implements IResolvable {
  readonly creationStack: string[] = [];
  constructor(private readonly target: ITerraformDependable) {}

  resolve(context: IResolveContext): string {
    context.suppressBraces = true;
    return this.target.fqn;
  }
}

/**
 * A reference as Terraform's meta-arguments take it: `type.name`, a bare address.
 *
 * `lifecycle.replace_triggered_by`, `depends_on`, `ignore_changes`, `moved` and `import` are
 * static: Terraform reads them before it evaluates anything, and in its JSON syntax an address
 * there is a plain string. cdktf 0.20 writes a resource given to `replaceTriggeredBy` as
 * `"${type.name}"`, an interpolation, which `terraform init` rejects ("Invalid character").
 * This is the form cdktf itself uses for `dependsOn` (its internal `dependable`), written with
 * cdktf's public token API only, resolved at synth like any other token.
 */
export function staticReference(target: ITerraformDependable): string {
  return Token.asString(new BareAddress(target));
}

/** The `lifecycle` part that replaces a resource whenever one of `targets` is replaced (bare addresses); undefined for none. */
export function replacedWith(targets: ITerraformDependable[] | undefined): { replaceTriggeredBy: string[] } | undefined {
  return targets && { replaceTriggeredBy: targets.map(staticReference) };
}
