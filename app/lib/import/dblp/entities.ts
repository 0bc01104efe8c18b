/**
 * dblp.xml uses the character entities that dblp.dtd declares (`&uuml;`, `&eacute;`, ... as
 * `<!ENTITY uuml "&#252;" >`); an XML parser does not read an external DTD, so we read its entity
 * declarations and hand them to the parser. Pure.
 */

/** Replaces numeric character references (&#252; &#xFC;) by their characters. */
function expandCharRefs(value: string): string {
  return value.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (_, ref: string) =>
    String.fromCodePoint(ref.startsWith("x") ? parseInt(ref.slice(1), 16) : parseInt(ref, 10)),
  );
}

/**
 * The general entities a DTD declares (name -> replacement text), skipping parameter entities
 * (`<!ENTITY % field "...">`) and comments.
 */
export function parseDtdEntities(dtd: string): Map<string, string> {
  const entities = new Map<string, string>();
  const withoutComments = dtd.replace(/<!--[\s\S]*?-->/g, "");
  const declaration = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;
  for (const m of withoutComments.matchAll(declaration)) entities.set(m[1], expandCharRefs(m[2] ?? m[3] ?? ""));
  return entities;
}
