/** Landing, the scope chooser and the engineer's own page, in Chinese; its shape is the schema the English follows. */
const peopleZhCN = {
  landing: {
    choose: '请选择要查看的范围',
    yours: '您可以查看的范围',
    loadingName: '正在读取名称…',
  },
  page: {
    mine: '我的页面',
    myTickets: '我的工单',
    of: '{name} 的工作台',
    loading: '正在读取…',
    openPage: '打开工程师页面',
    failure: {
      forbidden: '该工程师不在您的权限范围内。',
      'not-found': '找不到该工程师。',
      failed: '读取失败，稍后自动重试。',
    },
  },
  tickets: {
    title: '未结工单（{count} 张）',
    none: '目前没有未结工单。',
    ticket: '工单',
    customer: '客户',
    status: '状态',
    next: '最近到期的时限',
    countdown: '剩余时间',
    noClock: '无计时中的时限',
    paused: '已暂停',
    left: '剩余 {span}',
    overdue: '已超时 {span}',
    due: '到期 {at}',
  },
  scorecard: {
    title: '我的成绩单',
    explain: '本周自周一零点、本月自一日零点起算，按服务中心当地时间；每项旁为本服务中心工程师（{team} 人）的中位数，不做排名。',
    side: { process: '过程', outcome: '结果' },
    period: { week: '本周', month: '本月' },
    median: '团队中位数 {value}',
    formula: '公式：{formula}',
  },
  exclusions: {
    title: '成绩单例外',
    explain: '主管可因家庭紧急情况、客户爽约等原因，将某张工单排除在成绩单之外；每次排除与撤销都会记入审计日志。',
    none: '没有被排除的工单。',
    by: '{who} 于 {at} 排除',
    revoked: '{who} 于 {at} 撤销',
    revoke: '撤销',
    ticket: '工单编号',
    reason: '原因',
    reasonHint: '例如：客户爽约',
    add: '排除出成绩单',
    failed: '操作失败，请重试。',
  },
  star: {
    title: '服务之星 · {month}',
    score: '综合分 {score}',
    nobody: '本月尚无人达到参评条件',
    own: '我的本月综合分：{score}',
    ownNone: '我的本月综合分：尚未达到参评条件',
  },
};

export default peopleZhCN;
