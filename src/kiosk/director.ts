/**
 * Plays guided tours: per frame, while the attract loop runs, it puts the campaign clock in the
 * chapter's stretch of time at the chapter's speed and moves the camera along the chapter's
 * keyframes (or with the lead aircraft of a force, evaluated with the CPU twin of the flight
 * shader). Between chapters and tours it only asks, through its hooks, for what React must do
 * (show another campaign, show the next caption). Per frame it allocates nothing.
 */
import { TOUCH, Vector3 } from 'three';
import { prefersReducedMotion } from '../app/motion.ts';
import { NEVER, aircraftPose, createPose } from '../motion/flight.ts';
import type { CameraDirector, DirectedControls, DirectedFrame } from '../scene/cameraDirector.ts';
import { frameState, setTarget } from '../scene/frameState.ts';
import { seek, setPlaying, setSpeed, type Clock } from '../timeline/clock.ts';
import type { Chapter, TourFile } from '../tours/schema.ts';
import { createCameraPath, easeInOut, sampleCameraPath, setCameraPath, type PoseOut } from './cameraPath.ts';

export interface PreparedChapter {
  chapter: Chapter;
  startMs: number;
  endMs: number;
  /** Real seconds it plays for at time scale 1. */
  seconds: number;
}

export interface PreparedTour {
  tour: TourFile;
  chapters: PreparedChapter[];
  seconds: number;
}

export function prepareTour(tour: TourFile): PreparedTour {
  const chapters = tour.chapters.map((chapter) => {
    const startMs = Date.parse(chapter.start);
    const endMs = Date.parse(chapter.end);
    return { chapter, startMs, endMs, seconds: (endMs - startMs) / 1000 / chapter.speed };
  });
  return { tour, chapters, seconds: chapters.reduce((sum, c) => sum + c.seconds, 0) };
}

export interface DirectorHooks {
  /** The tour needs this campaign on screen (called once each time it is needed, not per frame). */
  showCampaign(campaignId: string): void;
  /** A chapter begins: new caption (rare, so React may re-render). */
  chapterStarted(tourIndex: number, chapterIndex: number): void;
  /** Per frame: how far the chapter and the tour are, 0..1. Must not allocate. */
  progress(chapter: number, tour: number): void;
  /** The tour holds still on its first pose while a new scene's terrain loads (or stops holding). */
  holdChanged?(holding: boolean): void;
}

/** How a tour waits for a freshly mounted scene. */
export interface HoldOptions {
  /** Frames drawn with the terrain complete before the tour moves (0: at once). */
  settleFrames: number;
  /** The longest wait for the terrain, real seconds. */
  maxSeconds: number;
}

const DEFAULT_HOLD: HoldOptions = { settleFrames: 0, maxSeconds: 4 };
/** Back to the tour after a visit: the camera flies from where the visitor left it into the chapter. */
const ENTRY_SECONDS = 2.5;
/** Share of a follow chapter spent flying to the aircraft, unless the chapter says. */
const FOLLOW_TRANSITION = 0.25;
/** The clock's own cap on one frame's step (timeline/clock.ts advance()): the chapter keeps pace with it. */
const MAX_STEP = 0.25;

interface Pose extends PoseOut {
  position: Vector3;
  target: Vector3;
}

const createPoseOut = (): Pose => ({ position: new Vector3(), target: new Vector3() });

export class TourDirector implements CameraDirector {
  tourIndex = 0;
  chapterIndex = 0;

  private live = false;
  private resuming = false;
  private clock: Clock | null = null;
  /** The clock's speed before the tour changed it: what the visitor's transport shows. */
  private exploreSpeed = 0;
  private tunedControls: DirectedControls | null = null;
  private prepared: PreparedChapter | null = null;
  private elapsed = 0;
  private duration = 1;
  private holding = false;
  private held = 0;
  private settled = 0;
  private requested: string | null = null;
  /** The clock of the scene the last chapter began in. */
  private sceneClock: Clock | null = null;
  private readonly path = createCameraPath();
  private readonly start = createPoseOut();
  private readonly pose = createPoseOut();
  private readonly scratch = createPoseOut();
  private readonly lookAt = new Vector3();
  private followInstance = -1;
  private followSeen = false;
  private readonly followAt = new Vector3();
  private readonly aircraft = createPose();

  constructor(
    private readonly tours: readonly PreparedTour[],
    private readonly timeScale: number,
    private readonly hooks: DirectorHooks,
    /** True while the attract loop plays; otherwise the director leaves camera and clock alone. */
    private readonly active: () => boolean,
    private readonly hold: HoldOptions = DEFAULT_HOLD,
  ) {}

  get tourCount(): number {
    return this.tours.length;
  }

  currentTour(): PreparedTour | null {
    return this.tours[this.tourIndex] ?? null;
  }

  /** Starts tour `index` (wrapping) from its first chapter, on the next frame. */
  startTour(index: number): void {
    this.tourIndex = this.tours.length ? ((index % this.tours.length) + this.tours.length) % this.tours.length : 0;
    this.chapterIndex = 0;
    this.live = false;
    this.resuming = false;
    this.requested = null;
    if (this.tours.length) this.hooks.chapterStarted(this.tourIndex, 0);
  }

  /** Starts at a given chapter (a curator's preview: `?tour=<id>&chapter=<n>`). */
  startAt(tourIndex: number, chapterIndex: number): void {
    this.startTour(tourIndex);
    const chapters = this.tours[this.tourIndex]?.chapters.length ?? 1;
    this.chapterIndex = Math.min(Math.max(0, Math.floor(chapterIndex)), chapters - 1);
    if (this.tours.length) this.hooks.chapterStarted(this.tourIndex, this.chapterIndex);
  }

  /** Back to the tour after a visit: the current chapter plays again, the camera flying into it. */
  resume(): void {
    this.live = false;
    this.resuming = true;
  }

  /** Gives the visitor the clock at the speed the transport shows. */
  releaseClock(): void {
    if (!this.clock) return;
    if (this.exploreSpeed > 0) setSpeed(this.clock, this.exploreSpeed);
    // Taken over while waiting for the terrain: the clock runs for the visitor as it does in explore mode.
    if (this.holding) this.setHolding(this.clock, false);
  }

  direct(frame: DirectedFrame): void {
    const controls = frame.controls;
    if (controls && controls !== this.tunedControls) {
      // A touch screen: one finger orbits, two pinch to zoom and pan (MapControls' default pans with one).
      controls.touches.ONE = TOUCH.ROTATE;
      controls.touches.TWO = TOUCH.DOLLY_PAN;
      this.tunedControls = controls;
    }
    if (frame.clock !== this.clock) {
      this.clock = frame.clock;
      this.exploreSpeed = frame.clock.speed;
      this.live = false;
    }
    const prepared = this.tours[this.tourIndex];
    if (!prepared || !this.active()) return;

    const campaignId = frame.campaign.records.campaign.id;
    if (campaignId !== prepared.tour.campaign) {
      if (this.requested !== prepared.tour.campaign) {
        this.requested = prepared.tour.campaign;
        this.hooks.showCampaign(prepared.tour.campaign);
      }
      return;
    }
    this.requested = null;
    if (!this.live) this.begin(frame, prepared);

    const step = Math.min(frame.delta, MAX_STEP);
    if (this.holding) {
      this.held += step;
      if (frameState.terrain?.complete) this.settled++;
      if (this.settled > this.hold.settleFrames || this.held >= this.hold.maxSeconds) this.setHolding(frame.clock, false);
    } else this.elapsed += step;

    if (this.elapsed >= this.duration) {
      this.next(frame);
      return;
    }
    this.place(frame, this.elapsed / this.duration);
    this.hooks.progress(this.elapsed / this.duration, this.tourFraction(prepared));
  }

  private tourFraction(prepared: PreparedTour): number {
    let before = 0;
    for (let i = 0; i < this.chapterIndex; i++) before += prepared.chapters[i]!.seconds;
    const current = prepared.chapters[this.chapterIndex]?.seconds ?? 0;
    return prepared.seconds > 0 ? (before + current * Math.min(1, this.elapsed / this.duration)) / prepared.seconds : 0;
  }

  private next(frame: DirectedFrame): void {
    const tour = this.tours[this.tourIndex]!;
    if (this.chapterIndex + 1 < tour.chapters.length) {
      this.chapterIndex++;
      this.live = false;
      this.hooks.chapterStarted(this.tourIndex, this.chapterIndex);
    } else this.startTour(this.tourIndex + 1);
    // The next chapter starts on this frame when it plays in the same campaign.
    this.resuming = false;
    this.direct(frame);
  }

  private begin(frame: DirectedFrame, tour: PreparedTour): void {
    const prepared = tour.chapters[this.chapterIndex]!;
    const { chapter } = prepared;
    const { clock, campaign, camera } = frame;
    // A clock not seen before means a campaign view just mounted (a new campaign, or a new visit).
    const fresh = this.sceneClock !== clock;
    this.sceneClock = clock;
    this.prepared = prepared;
    this.live = true;
    this.elapsed = 0;
    const speed = chapter.speed * this.timeScale;
    this.duration = Math.max(0.001, (prepared.endMs - prepared.startMs) / 1000 / speed);
    seek(clock, (prepared.startMs - campaign.plan.epochMs) / 1000);
    setSpeed(clock, speed);
    clock.loop = false;
    // A scene just mounted holds still until its terrain is in: no tour over an empty map.
    this.held = 0;
    this.settled = 0;
    this.setHolding(clock, this.chapterIndex === 0 && fresh && (!frameState.terrain?.complete || this.hold.settleFrames > 0));

    const target = frame.controls?.target ?? frameState.target;
    this.start.position.copy(camera.position);
    this.start.target.copy(target);
    if (chapter.keyframes) setCameraPath(this.path, chapter.keyframes, this.start);
    this.followInstance = chapter.follow ? leadInstance(campaign.plan, chapter.follow.force) : -1;
    this.followSeen = false;
  }

  private setHolding(clock: Clock, holding: boolean): void {
    setPlaying(clock, !holding);
    if (holding === this.holding) return;
    this.holding = holding;
    this.hooks.holdChanged?.(holding);
  }

  private place(frame: DirectedFrame, f: number): void {
    const chapter = this.prepared!.chapter;
    const cut = prefersReducedMotion();
    const pose = this.pose;
    if (chapter.keyframes) sampleCameraPath(this.path, f, cut, pose);
    else if (chapter.follow) {
      const plan = frame.campaign.plan;
      const i = this.followInstance;
      if (i >= 0) {
        const p = aircraftPose(
          plan.routes,
          plan.instances,
          i,
          frame.clock.time,
          frame.uniforms.uScale.value,
          this.aircraft,
          frame.uniforms.uVertical.value,
        );
        if (p.visible) {
          this.followAt.set(p.x, p.y, p.z);
          this.followSeen = true;
        }
      }
      if (this.followSeen) {
        const [dx, dy, dz] = chapter.follow.offset;
        this.scratch.target.copy(this.followAt);
        this.scratch.position.set(this.followAt.x + dx, this.followAt.y + dy, this.followAt.z + dz);
        const transition = chapter.follow.transition ?? FOLLOW_TRANSITION;
        const k = cut || transition <= 0 ? 1 : easeInOut(f / transition);
        pose.position.lerpVectors(this.start.position, this.scratch.position, k);
        pose.target.lerpVectors(this.start.target, this.scratch.target, k);
      } else {
        pose.position.copy(this.start.position);
        pose.target.copy(this.start.target);
      }
    }
    if (this.resuming && !cut) {
      // Back from a visit: blend from the visitor's last view into the chapter's move.
      const k = easeInOut(this.elapsed / ENTRY_SECONDS);
      if (k < 1) {
        pose.position.lerpVectors(this.start.position, pose.position, k);
        pose.target.lerpVectors(this.start.target, pose.target, k);
      }
    }
    const { camera, controls } = frame;
    camera.position.copy(pose.position);
    const target = controls?.target ?? this.lookAt;
    target.copy(pose.target);
    setTarget(pose.target);
    camera.lookAt(target);
  }
}

/** The aircraft a follow chapter keeps with: the force's first to fly that is not lost. */
function leadInstance(plan: DirectedFrame['campaign']['plan'], forceId: string): number {
  const force = plan.forces.find((f) => f.forceId === forceId);
  if (!force) return -1;
  const inst = plan.instances;
  let best = -1;
  for (let i = force.firstInstance; i < Math.min(inst.count, force.firstInstance + force.aircraft); i++) {
    if (inst.events[i * 4]! < NEVER) continue;
    if (best < 0 || inst.delay[i]! < inst.delay[best]!) best = i;
  }
  return best < 0 ? force.firstInstance : best;
}
