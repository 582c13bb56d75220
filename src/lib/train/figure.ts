/**
 * A stick-and-capsule person from a 2D kinematic skeleton with COCO's 17 keypoints, in world units
 * (a standing figure is about 1 tall, y down, the pelvis at the origin). Joint angles are drawn
 * within a rough human range, limb lengths and widths vary, and the figure always faces the
 * viewer more or less (yaw within ±50°), so the person's left is on the image's right until a flip.
 * Each paint lists the joints it belongs to; a joint covered by a later paint that is not its own
 * is occluded (v = 1).
 */
import type { Paint, Rgb } from './raster';
import type { Random } from './random';

export interface FigurePaint extends Paint {
  /** COCO joint indices drawn by this paint (a limb owns both of its ends). */
  joints: readonly number[];
}

export interface Figure {
  /** [17, 2] world coordinates, COCO order. */
  joints: Float64Array;
  /** Face points turned away from the viewer (behind the head): labelled but not visible. */
  selfOccluded: readonly boolean[];
  /** In drawing order. */
  paints: FigurePaint[];
}

type Vec = [number, number];

const add = (a: Vec, b: Vec, k = 1): Vec => [a[0] + k * b[0], a[1] + k * b[1]];

const SKIN: readonly Rgb[] = [
  [255, 219, 172],
  [241, 194, 125],
  [224, 172, 105],
  [198, 134, 66],
  [141, 85, 36],
  [92, 56, 30]
];

function randomColor(rng: Random): Rgb {
  return [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
}

/** The body's frame: `up` along the torso, `side` towards the person's left (the image's right). */
interface Frame {
  up: Vec;
  side: Vec;
}

function frame(lean: number): Frame {
  return { up: [Math.sin(lean), -Math.cos(lean)], side: [Math.cos(lean), Math.sin(lean)] };
}

/** Direction `angle` radians away from straight down the torso, outwards on side s (±1). */
function limbDirection(f: Frame, angle: number, s: number): Vec {
  return add([-f.up[0] * Math.cos(angle), -f.up[1] * Math.cos(angle)], f.side, s * Math.sin(angle));
}

/** A limb pointing at the camera looks shorter: sometimes foreshorten it. */
function foreshortened(rng: Random, length: number): number {
  return rng.chance(0.3) ? length * rng.uniform(0.55, 1) : length;
}

interface Clothing {
  skin: Rgb;
  shirt: Rgb;
  pants: Rgb;
  shoes: Rgb;
  sleeves: 'long' | 'short' | 'none';
  longPants: boolean;
}

function randomClothing(rng: Random): Clothing {
  const skin = rng.pick(SKIN);
  return {
    skin,
    shirt: randomColor(rng),
    pants: randomColor(rng),
    shoes: [rng.int(0, 80), rng.int(0, 80), rng.int(0, 80)],
    sleeves: rng.pick(['long', 'long', 'short', 'none'] as const),
    longPants: rng.chance(0.7)
  };
}

interface Chain {
  root: Vec;
  middle: Vec;
  end: Vec;
}

/** Shoulder/hip → elbow/knee → wrist/ankle, with the second angle relative to the first. */
function chain(
  f: Frame,
  root: Vec,
  s: number,
  angles: { first: number; bend: number },
  lengths: [number, number],
  rng: Random
): Chain {
  const middle = add(root, limbDirection(f, angles.first, s), foreshortened(rng, lengths[0]));
  const end = add(
    middle,
    limbDirection(f, angles.first + angles.bend, s),
    foreshortened(rng, lengths[1])
  );
  return { root, middle, end };
}

const capsule = (a: Vec, b: Vec, radius: number) =>
  ({ kind: 'capsule', ax: a[0], ay: a[1], bx: b[0], by: b[1], radius }) as const;

interface Proportions {
  build: number;
  hipHalf: number;
  shoulderHalf: number;
  torso: number;
  neck: number;
  head: number;
  upperArm: number;
  foreArm: number;
  thigh: number;
  shin: number;
}

function randomProportions(rng: Random): Proportions {
  return {
    build: rng.uniform(0.8, 1.3),
    hipHalf: rng.uniform(0.065, 0.095),
    shoulderHalf: rng.uniform(0.095, 0.13),
    torso: rng.uniform(0.27, 0.33),
    neck: rng.uniform(0.035, 0.06),
    head: rng.uniform(0.055, 0.07),
    upperArm: rng.uniform(0.15, 0.19),
    foreArm: rng.uniform(0.13, 0.17),
    thigh: rng.uniform(0.22, 0.27),
    shin: rng.uniform(0.21, 0.26)
  };
}

/** Face points on the head's sphere: azimuth (person's left positive) and elevation, radians. */
const FACE: ReadonlyArray<{ joint: number; azimuth: number; elevation: number }> = [
  { joint: 0, azimuth: 0, elevation: -0.15 },
  { joint: 1, azimuth: 0.38, elevation: 0.18 },
  { joint: 2, azimuth: -0.38, elevation: 0.18 },
  { joint: 3, azimuth: 1.45, elevation: 0.05 },
  { joint: 4, azimuth: -1.45, elevation: 0.05 }
];

export function randomFigure(rng: Random): Figure {
  const p = randomProportions(rng);
  const wear = randomClothing(rng);
  const body = frame(rng.uniform(-0.25, 0.25));
  const yaw = rng.uniform(-0.9, 0.9);
  const width = Math.cos(0.6 * yaw); // the torso turns less than the head
  const joints = new Float64Array(34);
  const set = (j: number, v: Vec) => ((joints[2 * j] = v[0]), (joints[2 * j + 1] = v[1]));

  const pelvis: Vec = [0, 0];
  const chest = add(pelvis, body.up, p.torso);
  const neckTop = add(chest, body.up, p.neck);
  const head = frame(rng.uniform(-0.3, 0.3) + Math.atan2(body.up[0], -body.up[1]));
  const headCentre = add(neckTop, head.up, p.head);
  const headRadius = p.head;

  const selfOccluded = new Array<boolean>(17).fill(false);
  for (const { joint, azimuth, elevation } of FACE) {
    const across = Math.sin(azimuth + yaw) * Math.cos(elevation);
    set(
      joint,
      add(
        add(headCentre, head.side, across * headRadius),
        head.up,
        Math.sin(elevation) * headRadius
      )
    );
    selfOccluded[joint] = Math.cos(azimuth + yaw) < 0;
  }

  const limbs: Record<'arm' | 'leg', Record<1 | -1, Chain>> = {
    arm: {} as never,
    leg: {} as never
  };
  for (const s of [1, -1] as const) {
    const shoulder = add(chest, body.side, s * p.shoulderHalf * width);
    const hip = add(pelvis, body.side, s * p.hipHalf * width);
    const armAngles = { first: rng.uniform(-0.5, 2.6), bend: rng.uniform(-2.4, 0.6) };
    const legAngles = { first: rng.uniform(-0.3, 0.9), bend: rng.uniform(-1.1, 0.5) };
    limbs.arm[s] = chain(body, shoulder, s, armAngles, [p.upperArm, p.foreArm], rng);
    limbs.leg[s] = chain(body, hip, s, legAngles, [p.thigh, p.shin], rng);
  }
  // COCO: left_shoulder 5, left_elbow 7, left_wrist 9, left_hip 11, left_knee 13, left_ankle 15;
  // the right side is one more. Side s = +1 is the person's left.
  for (const s of [1, -1] as const) {
    const o = s === 1 ? 0 : 1;
    set(5 + o, limbs.arm[s].root);
    set(7 + o, limbs.arm[s].middle);
    set(9 + o, limbs.arm[s].end);
    set(11 + o, limbs.leg[s].root);
    set(13 + o, limbs.leg[s].middle);
    set(15 + o, limbs.leg[s].end);
  }

  const paints = figurePaints({
    p,
    wear,
    body,
    limbs,
    headCentre,
    headRadius,
    head,
    yaw,
    chest,
    neckTop,
    rng
  });
  return { joints, selfOccluded, paints };
}

interface PaintPlan {
  p: Proportions;
  wear: Clothing;
  body: Frame;
  limbs: Record<'arm' | 'leg', Record<1 | -1, Chain>>;
  headCentre: Vec;
  headRadius: number;
  head: Frame;
  yaw: number;
  chest: Vec;
  neckTop: Vec;
  rng: Random;
}

function legPaints(plan: PaintPlan, s: 1 | -1): FigurePaint[] {
  const { p, wear, limbs } = plan;
  const o = s === 1 ? 0 : 1;
  const leg = limbs.leg[s];
  const thighR = 0.045 * p.build;
  const shinR = 0.035 * p.build;
  const foot = add(leg.end, plan.body.up, -0.015);
  return [
    { shape: capsule(leg.root, leg.middle, thighR), color: wear.pants, joints: [11 + o, 13 + o] },
    {
      shape: capsule(leg.middle, leg.end, shinR),
      color: wear.longPants ? wear.pants : wear.skin,
      joints: [13 + o, 15 + o]
    },
    {
      shape: { kind: 'ellipse', cx: foot[0], cy: foot[1], rx: 0.045, ry: 0.025, angle: s * 0.3 },
      color: wear.shoes,
      joints: [15 + o]
    }
  ];
}

function armPaints(plan: PaintPlan, s: 1 | -1): FigurePaint[] {
  const { p, wear, limbs } = plan;
  const o = s === 1 ? 0 : 1;
  const arm = limbs.arm[s];
  const upper = wear.sleeves === 'none' ? wear.skin : wear.shirt;
  const fore = wear.sleeves === 'long' ? wear.shirt : wear.skin;
  return [
    { shape: capsule(arm.root, arm.middle, 0.03 * p.build), color: upper, joints: [5 + o, 7 + o] },
    { shape: capsule(arm.middle, arm.end, 0.024 * p.build), color: fore, joints: [7 + o, 9 + o] },
    { shape: capsule(arm.end, arm.end, 0.028 * p.build), color: wear.skin, joints: [9 + o] }
  ];
}

function torsoPaint(plan: PaintPlan): FigurePaint {
  const { limbs, body, p, wear } = plan;
  const out = 0.025 * p.build;
  const corners = [
    add(limbs.arm[1].root, body.side, out),
    add(limbs.leg[1].root, body.side, out),
    add(limbs.leg[-1].root, body.side, -out),
    add(limbs.arm[-1].root, body.side, -out)
  ];
  return {
    shape: { kind: 'polygon', points: corners.flat() },
    color: wear.shirt,
    joints: [5, 6, 11, 12]
  };
}

function headPaints(plan: PaintPlan): FigurePaint[] {
  const { headCentre: c, headRadius: r, head, yaw, wear } = plan;
  const angle = Math.atan2(head.side[1], head.side[0]);
  const face = [0, 1, 2, 3, 4];
  const paints: FigurePaint[] = [
    {
      shape: capsule(plan.chest, plan.neckTop, 0.022 * plan.p.build),
      color: wear.skin,
      joints: []
    },
    {
      shape: { kind: 'ellipse', cx: c[0], cy: c[1], rx: r, ry: r * 1.15, angle },
      color: wear.skin,
      joints: face
    }
  ];
  for (const a of [0.38, -0.38]) {
    if (Math.cos(a + yaw) < 0.3) continue;
    const eye = add(add(c, head.side, Math.sin(a + yaw) * r * 0.95), head.up, 0.18 * r);
    const shape = {
      kind: 'ellipse',
      cx: eye[0],
      cy: eye[1],
      rx: 0.14 * r,
      ry: 0.1 * r,
      angle
    } as const;
    paints.push({ shape, color: [30, 20, 20], joints: face });
  }
  return paints;
}

function figurePaints(plan: PaintPlan): FigurePaint[] {
  const behind = { 1: plan.rng.chance(0.2), [-1]: plan.rng.chance(0.2) } as Record<1 | -1, boolean>;
  const sides = [1, -1] as const;
  return [
    ...sides.filter((s) => behind[s]).flatMap((s) => armPaints(plan, s)),
    ...legPaints(plan, 1),
    ...legPaints(plan, -1),
    torsoPaint(plan),
    ...sides.filter((s) => !behind[s]).flatMap((s) => armPaints(plan, s)),
    ...headPaints(plan)
  ];
}
