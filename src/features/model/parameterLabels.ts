// Bilingual names and units of the model's parameters, for the Model page's tables.
// Names only: every value shown comes from the engine's own preset data, never from here.
import type { FirmParams, MechanismParams, SegmentParams, InvestedLevel } from '@sim/index';

export interface ParamLabel {
  en: string;
  zh: string;
  unitEn?: string;
  unitZh?: string;
}

const perCustQ = { unitEn: 'per customer per quarter', unitZh: '每位顾客每季度' };
const scale = { unitEn: '1–5 scale', unitZh: '1–5 分' };
const prob = { unitEn: 'probability per quarter', unitZh: '每季度概率' };
const points = { unitEn: 'scale points', unitZh: '分' };

type SegmentNumberKey = Exclude<keyof SegmentParams, 'id' | 'label' | 'sensitivity' | 'standardInvestment' | 'defaultLevel'>;

export const SEGMENT_LABELS: Record<SegmentNumberKey, ParamLabel> = {
  initialCustomers: { en: 'Customers at the start', zh: '初始顾客数', unitEn: 'customers', unitZh: '人' },
  revenuePerQuarter: { en: 'Revenue', zh: '收入', ...perCustQ },
  marginRate: { en: 'Margin rate', zh: '毛利率', unitEn: 'share of revenue', unitZh: '占收入比例' },
  revenueGrowthPerQuarterOfTenure: { en: 'Revenue growth with tenure', zh: '收入随关系时长增长', unitEn: 'per quarter of tenure', unitZh: '每季度关系时长' },
  revenueGrowthCapQuarters: { en: 'Tenure growth stops after', zh: '时长增长上限', unitEn: 'quarters', unitZh: '季度' },
  expectationMean: { en: 'Expectation norm', zh: '期望基准', ...scale },
  expectationSpread: { en: 'Spread of expectations', zh: '期望离散幅度', ...points },
  performanceNoise: { en: 'Noise in perceived performance', zh: '感知绩效噪声', ...points },
  incidentProbabilityPerQuarter: { en: 'Service incident', zh: '服务失误', ...prob },
  incidentSeverity: { en: 'Hit of an unrecovered incident', zh: '未补救失误的打击', ...points },
  naturalChurnPerQuarter: { en: "Churn for the customer's own reasons", zh: '顾客自身原因流失', ...prob },
  dissatisfactionChurnPerQuarter: { en: 'Churn of a very dissatisfied customer', zh: '极不满意顾客流失', ...prob },
  competitiveIntensity: { en: 'Competitive intensity', zh: '竞争强度', unitEn: '0–1', unitZh: '0–1' },
  competitorOffer: { en: "Rivals' offer", zh: '竞争对手的提供物', ...scale },
  rivalShockProbabilityPerQuarter: { en: 'Rival promotion', zh: '对手促销', ...prob },
  rivalShockMagnitude: { en: 'Size of a rival promotion', zh: '对手促销力度', ...points },
  rivalShockDurationQuarters: { en: 'Length of a rival promotion', zh: '对手促销持续时间', unitEn: 'quarters', unitZh: '季度' },
  financialBond: { en: 'Financial bond (loyalty programme)', zh: '财务联系（忠诚计划）', unitEn: '0–1', unitZh: '0–1' },
  loyaltyDiscountShare: { en: 'Loyalty discount', zh: '忠诚折扣', unitEn: 'share of margin per unit of bond', unitZh: '每单位联系让出的毛利比例' },
  acquisitionBasePerQuarter: { en: 'Organic new customers', zh: '自然新增顾客', unitEn: 'per quarter', unitZh: '每季度' },
  acquisitionCeilingPerQuarter: { en: 'Ceiling of paid acquisition', zh: '付费获客上限', unitEn: 'customers per quarter', unitZh: '人/季度' },
  acquisitionK: { en: 'Acquisition response k', zh: '获客响应系数 k', unitEn: 'per currency unit', unitZh: '每货币单位' },
  acquisitionWeight: { en: 'Share weight of acquisition spend', zh: '获客支出分配权重', unitEn: 'weight', unitZh: '权重' },
  referralsPerDelightedPerQuarter: { en: 'Referrals per delighted customer', zh: '每位欣喜顾客的推荐', unitEn: 'new customers per quarter', unitZh: '新顾客/季度' },
  lostProspectsPerDissatisfiedPerQuarter: { en: 'Prospects lost per dissatisfied customer', zh: '每位不满顾客劝退的潜在顾客', unitEn: 'per quarter', unitZh: '每季度' },
  onboardingCostPerNewCustomer: { en: 'Onboarding cost', zh: '新客接入成本', unitEn: 'per new customer', unitZh: '每位新顾客' },
};

export const LEVEL_LABELS: Record<InvestedLevel, { en: string; zh: string }> = {
  reactive: { en: 'reactive', zh: '反应型' },
  accountable: { en: 'accountable', zh: '负责型' },
  proactive: { en: 'proactive', zh: '能动型' },
  partnership: { en: 'partnership', zh: '伙伴型' },
};

export const FIRM_LABELS: Record<keyof FirmParams, ParamLabel> = {
  quality: { en: 'Core quality (default)', zh: '核心质量（默认）', ...scale },
  promiseLevel: { en: 'Promise level (default)', zh: '承诺水平（默认）', ...scale },
  acquisitionSpendPerQuarter: { en: 'Acquisition spend (default)', zh: '获客支出（默认）', unitEn: 'per quarter, whole firm', unitZh: '每季度，全公司' },
  discountRatePerQuarter: { en: 'Discount rate', zh: '贴现率', unitEn: 'per quarter', unitZh: '每季度' },
  qualityCostShareOfRevenuePerPoint: { en: 'Cost of quality', zh: '质量成本', unitEn: 'share of revenue per point', unitZh: '每分占收入比例' },
  qualityCostReference: { en: 'Quality with no extra cost', zh: '无额外成本的质量', ...scale },
  promiseAcquisitionSlope: { en: 'Pull of the promise on acquisition', zh: '承诺对获客的拉动斜率', unitEn: 'per point', unitZh: '每分' },
  brandStrength: { en: 'Brand strength (brand equity)', zh: '品牌强度（品牌资产）', ...scale },
  brandAcquisitionPerPoint: { en: 'Pull of the brand on acquisition', zh: '品牌对获客的拉动', unitEn: 'per point above 3', unitZh: '每高于 3 分一分' },
  brandLoyaltyPointsPerPoint: { en: 'Brand loyalty against rival offers', zh: '品牌忠诚对竞争提供物的抵御', unitEn: 'points per point above 3', unitZh: '每高于 3 分的分值' },
};

export const MECHANISM_LABELS: Record<keyof MechanismParams, ParamLabel> = {
  lossAversion: { en: 'Weight of a shortfall (loss aversion)', zh: '落差的权重（损失厌恶）', unitEn: '× a surplus', unitZh: '× 超出' },
  satisfactionInertia: { en: 'Satisfaction kept from last quarter', zh: '上季度满意度的保留', unitEn: 'share', unitZh: '比例' },
  satisfactionSlope: { en: 'Satisfaction per point of disconfirmation', zh: '每分不一致带来的满意度', ...points },
  expectationAdaptation: { en: 'Speed of expectation adaptation', zh: '期望调整速度', unitEn: 'per quarter', unitZh: '每季度' },
  anchorExperienceWeight: { en: 'Expectation anchor: own experience', zh: '期望锚：自身体验', unitEn: 'weight', unitZh: '权重' },
  anchorNormWeight: { en: 'Expectation anchor: market norm', zh: '期望锚：市场基准', unitEn: 'weight', unitZh: '权重' },
  anchorPromiseWeight: { en: "Expectation anchor: the firm's promise", zh: '期望锚：企业承诺', unitEn: 'weight', unitZh: '权重' },
  recoveryCeiling: { en: 'Reactive: share of an incident recovered', zh: '反应型：失误补救比例', unitEn: 'ceiling', unitZh: '上限' },
  voiceCeiling: { en: 'Reactive: churn avoided by voice', zh: '反应型：抱怨代替退出', unitEn: 'ceiling', unitZh: '上限' },
  followUpCeiling: { en: 'Accountable: churn avoided by follow-up', zh: '负责型：回访避免的流失', unitEn: 'ceiling', unitZh: '上限' },
  calibrationCeiling: { en: 'Accountable: expectation calibration', zh: '负责型：期望校准', unitEn: 'per quarter', unitZh: '每季度' },
  improvementPerQuarter: { en: 'Improvement from feedback', zh: '反馈带来的改进', unitEn: 'points per quarter', unitZh: '分/季度' },
  improvementCap: { en: 'Improvement cap', zh: '改进上限', ...points },
  improvementDecayPerQuarter: { en: 'Improvement fading', zh: '改进衰减', unitEn: 'per quarter', unitZh: '每季度' },
  attentionProactive: { en: 'Proactive: attention boost', zh: '能动型：关注提升', ...points },
  attentionPartnership: { en: 'Partnership: attention boost', zh: '伙伴型：关注提升', ...points },
  crossSellCeiling: { en: 'Proactive: extra share of wallet', zh: '能动型：钱包份额增量', unitEn: 'ceiling', unitZh: '上限' },
  walletAdjustmentPerQuarter: { en: 'Speed of share-of-wallet change', zh: '钱包份额变化速度', unitEn: 'per quarter', unitZh: '每季度' },
  bondGrowthPerQuarter: { en: 'Partnership: bond growth', zh: '伙伴型：结构性联系增长', unitEn: 'per quarter', unitZh: '每季度' },
  bondCap: { en: 'Structural bond cap', zh: '结构性联系上限', unitEn: '0–1', unitZh: '0–1' },
  bondDecayPerQuarter: { en: 'Bond decay without partnership', zh: '无伙伴活动时联系衰减', unitEn: 'per quarter', unitZh: '每季度' },
  bondSwitchingCost: { en: 'Switching cost of a full bond', zh: '完全联系的转换成本', ...points },
  competitorBaseHazard: { en: 'Competitor churn at parity', zh: '势均力敌时的竞争流失', ...prob },
  competitorSlope: { en: 'Sensitivity to the rival offer', zh: '对竞争提供物的敏感度', unitEn: 'per point', unitZh: '每分' },
  dissatisfactionMidpoint: { en: 'Dissatisfaction churn midpoint', zh: '不满流失中点', ...scale },
  dissatisfactionSlope: { en: 'Dissatisfaction churn slope', zh: '不满流失斜率', unitEn: 'per point', unitZh: '每分' },
  dissatisfiedBelow: { en: 'Dissatisfied below', zh: '低于此为不满意', ...scale },
  delightedFrom: { en: 'Delighted from', zh: '达到此为欣喜', ...scale },
  spuriousBondThreshold: { en: 'Spurious loyalty: bond at least', zh: '虚假忠诚：联系至少', unitEn: '0–1', unitZh: '0–1' },
  spuriousIntensityBelow: { en: 'Spurious loyalty: intensity below', zh: '虚假忠诚：竞争强度低于', unitEn: '0–1', unitZh: '0–1' },
};
