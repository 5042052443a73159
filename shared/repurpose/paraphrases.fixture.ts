/**
 * Hand-written variants of the draft fixtures (shared/draft/fixtures/*.txt), labelled by
 * hand before scoring: `keeps` ones say the source's core message in other words (what a
 * good human or LLM rewrite does); `loses` ones are plausible posts that drop it, either
 * generic filler that names the topic once, or a rewrite that wanders to another subject.
 * The message score must separate them without ever having seen these texts.
 */
export const PARAPHRASES: { source: string; label: 'keeps' | 'loses'; text: string }[] = [
  {
    source: 'passkeys',
    label: 'keeps',
    text: 'Passwords are on their way out, and passkeys are winning faster than security people predicted. Google sees passkey sign-ins succeed first time four times as often. Because each passkey is tied to one site, it cannot be phished or leaked in a breach. The catch: recovering an account after losing your phone. #Passkeys #Security #Passwords',
  },
  {
    source: 'passkeys',
    label: 'keeps',
    text: 'If you run a product, add passkeys at sign-up now. Microsoft made them the default, Apple syncs them across devices, and security teams like that a passkey never leaves the device. Keep passwords as a fallback while users switch. #Passkeys #Security #Identity',
  },
  {
    source: 'passkeys',
    label: 'loses',
    text: 'Big week for passkeys! Exciting times for everyone in tech. Stay curious, keep learning, and never stop building. What are you working on this week? #Motivation #Tech #Growth',
  },
  {
    source: 'passkeys',
    label: 'loses',
    text: 'Passkeys are nice, but the real story this quarter is crypto wallets. Bitcoin custody, hardware ledgers and Ethereum staking are where the money is moving, and exchanges are racing to launch new tokens. #Crypto #Bitcoin #Web3',
  },
  {
    source: 'rust-linux',
    label: 'keeps',
    text: 'The Linux kernel just merged its first production network driver written in Rust. It matches the C driver on throughput and latency, and it targets the memory-safety bugs behind most serious kernel vulnerabilities. A storage driver is next. #Rust #Linux #Kernel',
  },
  {
    source: 'rust-linux',
    label: 'keeps',
    text: 'Rust in the kernel is no longer an experiment: an Ethernet driver in Rust is now mainline. Getting there meant rewriting the Rust bindings for kernel APIs twice to win over maintainers. Distributions plan to ship Rust-enabled kernels by default. #Rust #Linux #OpenSource',
  },
  {
    source: 'rust-linux',
    label: 'loses',
    text: 'Another milestone this week! Proud of the progress the community keeps making. Great things happen when people work together. #Community #Milestone #Teamwork',
  },
  {
    source: 'rust-linux',
    label: 'loses',
    text: 'Rust is popular, but Python still rules data science. Pandas, notebooks and machine learning frameworks keep analysts productive, and cloud notebooks make sharing results easy. #Python #DataScience #ML',
  },
  {
    source: 'remote-work',
    label: 'keeps',
    text: 'Four-day weeks are becoming permanent policy. In the UK trial, 61 companies cut hours by a fifth with no pay cut; revenue held or grew and 56 kept the shorter week. Teams reported less burnout. Start with clear output goals and a six-month pilot. #FutureOfWork #FourDayWeek #Leadership',
  },
  {
    source: 'remote-work',
    label: 'keeps',
    text: 'Thinking about a four-day week? Companies in the largest pilot kept it after the trial, with less burnout and fewer sick days. It does not fit every team: support and healthcare needed staggered schedules for coverage. #FourDayWeek #Work #HR',
  },
  {
    source: 'remote-work',
    label: 'loses',
    text: 'Work smarter, not harder. Success is a mindset, and every week is a chance to grow. Share this with someone who needs it today. #Mindset #Success #Motivation',
  },
  {
    source: 'remote-work',
    label: 'loses',
    text: 'Office design is changing: open-plan floors, standing desks and acoustic pods are the new normal in London headquarters, and architects expect hybrid layouts to dominate new buildings. #OfficeDesign #Architecture #Workspace',
  },
];
