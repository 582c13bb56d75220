/**
 * Every official Lite-HRNet checkpoint, and HRNet's COCO ones, and where to get them. Sources,
 * each row's links copied from:
 * - the official repository's README, "Results and models" (github.com/HRNet/Lite-HRNet): a Google
 *   Drive and a OneDrive link for all ten models;
 * - mmpose's model zoo (github.com/open-mmlab/mmpose, main branch): the `ckpt` column of
 *   configs/body_2d_keypoint/topdown_heatmap/coco/litehrnet_coco.md, …/mpii/litehrnet_mpii.md and
 *   configs/hand_2d_keypoint/topdown_heatmap/coco_wholebody_hand/litehrnet_coco_wholebody_hand.md.
 *   mmpose trained its own Lite-HRNet-18/-30 (COCO, MPII) and an 18 for hands; it has no Naive ones.
 * - HRNet's repository README (github.com/leoxiaobin/deep-high-resolution-net.pytorch @ 6f69e46,
 *   "Download pretrained models from our model zoo"): one Google Drive and one OneDrive folder,
 *   holding models/pytorch/pose_coco/pose_hrnet_w{32,48}_{256x192,384x288}.pth (pose_hrnet's own
 *   keys, no prefix); and mmpose's configs/body_2d_keypoint/topdown_heatmap/coco/hrnet_coco.md
 *   (mmpose 1.x files: `backbone.…` and `head.final_layer.…`). Their sizes are not published.
 * Pure data: the page lists it and the README repeats it (a test keeps the two in step).
 */
import type { PresetId } from '../model/presets';

export interface ZooCheckpoint {
  /** What the row is, as a person says it. */
  label: string;
  preset: PresetId;
  dataset: 'COCO' | 'MPII' | 'COCO-WholeBody-Hand';
  /** Heatmaps: COCO 17, MPII 16, hands 21. */
  joints: number;
  /** H x W, as the explorer writes it. */
  input: { height: number; width: number };
  /**
   * The official repository's downloads (none for the hand model, which is mmpose's). HRNet's
   * are folders: `file` names the checkpoint inside them.
   */
  official: { googleDrive: string; oneDrive: string; file?: string } | null;
  /** mmpose's model zoo: the file's address, its name, and the mmpose 1.x config it goes with. */
  mmpose: { url: string; file: string; config: string } | null;
}

const OPENMMLAB = 'https://download.openmmlab.com/mmpose';
const drive = (id: string) => `https://drive.google.com/file/d/${id}/view?usp=sharing`;
const mm = (dir: string, file: string, config: string) => ({
  url: `${OPENMMLAB}/${dir}/${file}`,
  file,
  config
});
const COCO_CONFIGS = 'configs/body_2d_keypoint/topdown_heatmap/coco';
const MPII_CONFIGS = 'configs/body_2d_keypoint/topdown_heatmap/mpii';

const coco = (height: number, width: number) => ({
  dataset: 'COCO' as const,
  joints: 17,
  input: { height, width }
});
const mpii = { dataset: 'MPII' as const, joints: 16, input: { height: 256, width: 256 } };

/** HRNet's model zoo folders (its README, step 6 of "Quick start"). */
const HRNET_FOLDERS = {
  googleDrive:
    'https://drive.google.com/drive/folders/1hOTihvbyIxsm5ygDpbUuJ7O_tzv4oXjC?usp=sharing',
  oneDrive: 'https://1drv.ms/f/s!AhIXJn_J-blW231MH2krnmLq5kkQ'
};
const MMPOSE_V1_COCO = 'v1/body_2d_keypoint/topdown_heatmap/coco';

function hrnet(
  width: 32 | 48,
  height: number,
  inputWidth: number,
  mmposeFile: string
): ZooCheckpoint {
  const size = `${height}x${inputWidth}`;
  const batch = width === 32 ? '8xb64' : '8xb32';
  return {
    label: `HRNet-W${width}, COCO ${size}`,
    preset: width === 32 ? 'hrnet_w32' : 'hrnet_w48',
    ...coco(height, inputWidth),
    official: {
      ...HRNET_FOLDERS,
      file: `models/pytorch/pose_coco/pose_hrnet_w${width}_${size}.pth`
    },
    mmpose: mm(
      MMPOSE_V1_COCO,
      mmposeFile,
      `${COCO_CONFIGS}/td-hm_hrnet-w${width}_${batch}-210e_coco-${size}.py`
    )
  };
}

export const ZOO: readonly ZooCheckpoint[] = [
  {
    label: 'Naive Lite-HRNet-18, COCO 256x192',
    preset: 'naive_litehrnet_18',
    ...coco(256, 192),
    official: {
      googleDrive: drive('1rW1gqKtCUxpsos-eLItEHZThEF48eRjQ'),
      oneDrive: 'https://1drv.ms/u/s!AvreNzlRJaHnfki3iJZiE-v0dqE?e=42PlOT'
    },
    mmpose: null
  },
  {
    label: 'Wider Naive Lite-HRNet-18, COCO 256x192',
    preset: 'wider_naive_litehrnet_18',
    ...coco(256, 192),
    official: {
      googleDrive: drive('1Amb0yE677zV18KaH6gruUQnHUiwBx_-H'),
      oneDrive: 'https://1drv.ms/u/s!AvreNzlRJaHngQLsLGlp3r16ALfZ?e=XgMYMd'
    },
    mmpose: null
  },
  {
    label: 'Lite-HRNet-18, COCO 256x192',
    preset: 'litehrnet_18',
    ...coco(256, 192),
    official: {
      googleDrive: drive('1ZewlvpncTvahbqcCFb-95C3NHet30mk5'),
      oneDrive: 'https://1drv.ms/u/s!AvreNzlRJaHngQE0r-EVnMNPObk7?e=ojJosi'
    },
    mmpose: mm(
      'top_down/litehrnet',
      'litehrnet18_coco_256x192-6bace359_20211230.pth',
      `${COCO_CONFIGS}/td-hm_litehrnet-18_8xb64-210e_coco-256x192.py`
    )
  },
  {
    label: 'Lite-HRNet-18, COCO 384x288',
    preset: 'litehrnet_18',
    ...coco(384, 288),
    official: {
      googleDrive: drive('1E3S18YbUfBm7YtxYOV7I9FmrntnlFKCp'),
      oneDrive: 'https://1drv.ms/u/s!AvreNzlRJaHnfZE0w9s_h9oK98c?e=xPiAxS'
    },
    mmpose: mm(
      'top_down/litehrnet',
      'litehrnet18_coco_384x288-8d4dac48_20211230.pth',
      `${COCO_CONFIGS}/td-hm_litehrnet-18_8xb32-210e_coco-384x288.py`
    )
  },
  {
    label: 'Lite-HRNet-30, COCO 256x192',
    preset: 'litehrnet_30',
    ...coco(256, 192),
    official: {
      googleDrive: drive('1KLjNInzFfmZWSbEQwx-zbyaBiLB7SnEj'),
      oneDrive: 'https://1drv.ms/u/s!AvreNzlRJaHnexxp5RCK15meEWw?e=g4ObHb'
    },
    mmpose: mm(
      'top_down/litehrnet',
      'litehrnet30_coco_256x192-4176555b_20210626.pth',
      `${COCO_CONFIGS}/td-hm_litehrnet-30_8xb64-210e_coco-256x192.py`
    )
  },
  {
    label: 'Lite-HRNet-30, COCO 384x288',
    preset: 'litehrnet_30',
    ...coco(384, 288),
    official: {
      googleDrive: drive('1BcHnLka4FWiXRmPnJgJKmsSuXXqN4dgn'),
      oneDrive: 'https://1drv.ms/u/s!AvreNzlRJaHnfOng41YajWZg478?e=wVKeIS'
    },
    mmpose: mm(
      'top_down/litehrnet',
      'litehrnet30_coco_384x288-a3aef5c4_20210626.pth',
      `${COCO_CONFIGS}/td-hm_litehrnet-30_8xb32-210e_coco-384x288.py`
    )
  },
  {
    label: 'Naive Lite-HRNet-18, MPII 256x256',
    preset: 'naive_litehrnet_18',
    ...mpii,
    official: {
      googleDrive: drive('1tUdrJd_SI5HGBuYT9FxYX5XFhfcb3cD_'),
      oneDrive: 'https://1drv.ms/u/s!AvreNzlRJaHngQAjPfwag38olIcH?e=01kH1t'
    },
    mmpose: null
  },
  {
    label: 'Wider Naive Lite-HRNet-18, MPII 256x256',
    preset: 'wider_naive_litehrnet_18',
    ...mpii,
    official: {
      googleDrive: drive('12cPeB8MZs1o6_qOS7HavGwkk6r7hUMAS'),
      oneDrive: 'https://1drv.ms/u/s!AvreNzlRJaHngQMqhUOcrYtjTDZ1?e=iuD9Jz'
    },
    mmpose: null
  },
  {
    label: 'Lite-HRNet-18, MPII 256x256',
    preset: 'litehrnet_18',
    ...mpii,
    official: {
      googleDrive: drive('1bcnn5Ic2-FiSNqYOqLd1mOfQchAz_oCf'),
      oneDrive: 'https://1drv.ms/u/s!AvreNzlRJaHnev2he_nA_VOLSqg?e=f9zACb'
    },
    mmpose: mm(
      'top_down/litehrnet',
      'litehrnet18_mpii_256x256-cabd7984_20210623.pth',
      `${MPII_CONFIGS}/td-hm_litehrnet-18_8xb64-210e_mpii-256x256.py`
    )
  },
  {
    label: 'Lite-HRNet-30, MPII 256x256',
    preset: 'litehrnet_30',
    ...mpii,
    official: {
      googleDrive: drive('1JB9LOwkuz5OUtry0IQqXammFuCrGvlEd'),
      oneDrive: 'https://1drv.ms/u/s!AvreNzlRJaHnf0LR6jpyGoTJZIA?e=653jEF'
    },
    mmpose: mm(
      'top_down/litehrnet',
      'litehrnet30_mpii_256x256-faae8bd8_20210622.pth',
      `${MPII_CONFIGS}/td-hm_litehrnet-30_8xb64-210e_mpii-256x256.py`
    )
  },
  {
    label: 'Lite-HRNet-18, COCO-WholeBody-Hand 256x256 (21 joints)',
    preset: 'litehrnet_18',
    dataset: 'COCO-WholeBody-Hand',
    joints: 21,
    input: { height: 256, width: 256 },
    official: null,
    mmpose: mm(
      'hand/litehrnet',
      'litehrnet_w18_coco_wholebody_hand_256x256-d6945e6a_20210908.pth',
      'configs/hand_2d_keypoint/topdown_heatmap/coco_wholebody_hand/td-hm_litehrnet-w18_8xb32-210e_coco-wholebody-hand-256x256.py'
    )
  },
  hrnet(32, 256, 192, 'td-hm_hrnet-w32_8xb64-210e_coco-256x192-81c58e40_20220909.pth'),
  hrnet(32, 384, 288, 'td-hm_hrnet-w32_8xb64-210e_coco-384x288-ca5956af_20220909.pth'),
  hrnet(48, 256, 192, 'td-hm_hrnet-w48_8xb32-210e_coco-256x192-0e67c616_20220913.pth'),
  hrnet(48, 384, 288, 'td-hm_hrnet-w48_8xb32-210e_coco-384x288-c161b7de_20220915.pth')
];
