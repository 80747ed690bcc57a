import { TerraformElement, TerraformStack } from "cdktf";
import type { Node } from "constructs";

/**
 * A stack whose Terraform addresses read like the construct tree: the resource `https` inside the
 * construct `alb` becomes `aws_lb_listener.alb_https`, not `alb_https_4F2A9C1B`. Plans, `moved`
 * blocks and `terraform state` commands stay readable. Two elements that would get the same address
 * stop synth with an error instead of silently overwriting each other.
 */
export class ReadableStack extends TerraformStack {
  private readonly allocated = new Map<string, string>();

  protected allocateLogicalId(tfElement: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(tfElement) ? tfElement.node : tfElement;
    const scopes = node.scopes;
    const components = scopes.slice(scopes.indexOf(this) + 1).map((c) => c.node.id);
    let id = components.join("_").replace(/[^A-Za-z0-9_-]/g, "_");
    if (!/^[A-Za-z_]/.test(id)) id = `_${id}`;
    const path = node.path;
    const owner = this.allocated.get(id);
    if (owner !== undefined && owner !== path) {
      throw new Error(`Two constructs map to the Terraform name "${id}": ${owner} and ${path}. Rename one of them.`);
    }
    this.allocated.set(id, path);
    return id;
  }
}
