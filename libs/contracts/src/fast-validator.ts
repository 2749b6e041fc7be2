import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, ValidationTypes, type MetadataStorage, type ValidationArguments } from 'class-validator';

/**
 * A quick "valid" for JSON-shaped values, built once per class from the class-validator decorators:
 * the same constraint functions, called without the per-call metadata lookups, error objects and
 * class-transformer copy that made validation a fifth of intake's CPU per alert. It answers `true`
 * only where `validateSync(plainToInstance(cls, value), { whitelist, forbidNonWhitelisted: whitelist,
 * forbidUnknownValues: true })` finds nothing; `false` means "not shown valid": ask class-validator,
 * which also words the errors. A class it cannot mirror exactly gets no fast validator (null).
 */
export type FastValidator = (value: unknown) => boolean;

export interface FastValidatorOptions {
  /** Unknown properties make the value invalid (class-validator's whitelist + forbidNonWhitelisted). */
  whitelist: boolean;
}

/** A class the decorators were put on. */
type Constructor = abstract new (...args: never[]) => unknown;
type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
type Validate = (value: unknown, args: ValidationArguments) => unknown;

interface Rule {
  validate: Validate;
  constraints: unknown[];
  each: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
}

interface PropertyPlan {
  name: string;
  /** IsOptional, ValidateIf: all must hold, or the property is not validated. */
  conditions: ((object: object, value: unknown) => boolean)[];
  rules: Rule[];
  /** ValidateNested: the class class-transformer builds (from @Type), validated in turn. */
  nested: ClassPlan | null;
}

interface ClassPlan {
  name: string;
  known: Set<string>;
  properties: PropertyPlan[];
}

/** Why a class has no fast validator (thrown while compiling, caught in `fastValidator`). */
class Unsupported extends Error {}

const compiled = new Map<Constructor, ClassPlan | null>();
const cache = new Map<string, WeakMap<Constructor, FastValidator | null>>();

export function fastValidator(cls: Constructor, options: FastValidatorOptions): FastValidator | null {
  const key = options.whitelist ? 'whitelist' : 'open';
  let byClass = cache.get(key);
  if (!byClass) cache.set(key, (byClass = new WeakMap()));
  if (byClass.has(cls)) return byClass.get(cls)!;
  const plan = planOf(cls);
  const check = plan ? (value: unknown) => validObject(plan, value, options.whitelist) : null;
  byClass.set(cls, check);
  return check;
}

function planOf(cls: Constructor): ClassPlan | null {
  if (compiled.has(cls)) return compiled.get(cls)!;
  const plan: ClassPlan = { name: cls.name, known: new Set(), properties: [] };
  const before = compiled.size;
  compiled.set(cls, plan); // before the properties: a class nested in itself refers to this plan
  try {
    fill(plan, cls);
    return plan;
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
    // Plans compiled meanwhile may hold this unfinished one (a cycle): they are compiled again when asked for.
    for (const later of [...compiled.keys()].slice(before)) compiled.delete(later);
    compiled.set(cls, null);
    return null;
  }
}

function fill(plan: ClassPlan, cls: Constructor): void {
  const storage = getMetadataStorage();
  // The very list validateSync uses (inheritance, `always`, groups), for a call without groups.
  const metadatas: ValidationMetadata[] = storage.getTargetValidationMetadatas(cls, '', false, false, undefined);
  if (metadatas.length === 0) throw new Unsupported(`${cls.name} has no validation rules`);
  const transformer = defaultMetadataStorage as TransformerStorage;
  if (transformer.getStrategy(cls) !== 'none' || transformer.getExposedMetadatas(cls).length > 0 || transformer.getExcludedMetadatas(cls).length > 0) {
    throw new Unsupported(`${cls.name} uses @Expose or @Exclude`);
  }
  const byName = new Map<string, ValidationMetadata[]>();
  for (const m of metadatas) byName.set(m.propertyName, [...(byName.get(m.propertyName) ?? []), m]);
  for (const [name, list] of byName) {
    if (name in (cls.prototype as object)) throw new Unsupported(`${cls.name}.${name} is on the prototype`);
    if (transformer.findTransformMetadatas(cls, name, TransformationType.PLAIN_TO_CLASS).length > 0) throw new Unsupported(`${cls.name}.${name} has @Transform`);
    plan.known.add(name);
    const property: PropertyPlan = { name, conditions: [], rules: [], nested: null };
    let nested = false;
    for (const m of list) {
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) property.conditions.push(m.constraints[0] as PropertyPlan['conditions'][number]);
      else if (m.type === ValidationTypes.CUSTOM_VALIDATION || m.type === ValidationTypes.IS_DEFINED) property.rules.push(...rulesOf(m));
      else if (m.type === ValidationTypes.NESTED_VALIDATION) nested = true;
      else if (m.type !== ValidationTypes.WHITELIST) throw new Unsupported(`${cls.name}.${name}: ${m.type}`);
    }
    const type = transformer.findTypeMetadata(cls, name);
    if (type) {
      // Only @Type that builds a nested class to validate: a @Type(() => Date) would change what the rules see.
      if (!nested || type.options?.discriminator || type.typeFunction.length > 0) throw new Unsupported(`${cls.name}.${name}: @Type it cannot follow`);
      const target = type.typeFunction();
      property.nested = typeof target === 'function' ? planOf(target as Constructor) : null;
      if (!property.nested) throw new Unsupported(`${cls.name}.${name}: nested class without a fast validator`);
    } else if (nested) {
      throw new Unsupported(`${cls.name}.${name}: @ValidateNested without @Type`);
    }
    plan.properties.push(property);
  }
  // Field initialisers put values on the instance that the rules (and the whitelist) would see.
  let instance: object;
  try {
    instance = Reflect.construct(cls as unknown as new () => object, []) as object;
  } catch {
    throw new Unsupported(`${cls.name} cannot be constructed without arguments`);
  }
  for (const [k, v] of Object.entries(instance)) {
    if (v !== undefined || !plan.known.has(k)) throw new Unsupported(`${cls.name}.${k} has an initial value`);
  }
}

function rulesOf(m: ValidationMetadata): Rule[] {
  const constraints = getMetadataStorage().getTargetValidatorConstraints(m.constraintCls);
  if (constraints.length === 0) throw new Unsupported(`${m.propertyName}: constraint without a validator`);
  return constraints.map((c) => {
    if (c.async) throw new Unsupported(`${m.propertyName}: async constraint`);
    const instance = c.instance as { validate: Validate };
    return { validate: instance.validate.bind(instance), constraints: m.constraints, each: m.each === true, validateIf: (m as { validateIf?: Rule['validateIf'] }).validateIf };
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null; // any realm's Object.prototype, no class
};

function validObject(plan: ClassPlan, o: unknown, whitelist: boolean): boolean {
  if (!isPlainObject(o)) return false;
  if (whitelist) for (const k of Object.keys(o)) if (!plan.known.has(k)) return false;
  // One arguments object per object checked, updated for each rule (validators read it during
  // their call only): one per rule was the largest share of what checking an event allocated.
  const args: ValidationArguments = { targetName: plan.name, property: '', object: o, value: undefined, constraints: [] };
  for (const p of plan.properties) {
    const value = o[p.name];
    if (!conditionsHold(p, o, value)) continue;
    args.property = p.name;
    args.value = value;
    for (const r of p.rules) {
      if (r.validateIf && !r.validateIf(o, value)) continue;
      args.constraints = r.constraints;
      if (r.each && Array.isArray(value)) {
        for (const item of value) if (!passed(r.validate(item, args))) return false;
      } else if (!passed(r.validate(value, args))) return false;
    }
    if (p.nested && value !== undefined) {
      if (Array.isArray(value)) {
        for (const item of value) if (!validObject(p.nested, item, whitelist)) return false;
      } else if (!validObject(p.nested, value, whitelist)) return false;
    }
  }
  return true;
}

function conditionsHold(p: PropertyPlan, o: Record<string, unknown>, value: unknown): boolean {
  for (const c of p.conditions) if (!c(o, value)) return false;
  return true;
}

/** A promise (an async rule) is not a yes. */
const passed = (result: unknown): boolean => result === true || (!!result && typeof (result as { then?: unknown }).then !== 'function');

interface TransformerStorage {
  getStrategy(target: Constructor): string;
  getExposedMetadatas(target: Constructor): unknown[];
  getExcludedMetadatas(target: Constructor): unknown[];
  findTransformMetadatas(target: Constructor, propertyName: string, type: TransformationType): unknown[];
  findTypeMetadata(target: Constructor, propertyName: string): { typeFunction: (options?: unknown) => unknown; options?: { discriminator?: unknown } } | undefined;
}
