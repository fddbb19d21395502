// Every user-facing text of the browser pages, in Bahasa Indonesia, in one place.
// Code and identifiers stay in English; pages look words up by key with t('key').
export const TEXT = {
  appTitle: 'KLIP Call Handler — Kring Pajak 1500200',
  loginTitle: 'Masuk',
  username: 'Nama pengguna',
  password: 'Kata sandi',
  signIn: 'Masuk',
  signOut: 'Keluar',
  loginFailed: 'Nama pengguna atau kata sandi salah.',
  connected: 'Terhubung',
  disconnected: 'Terputus — menyambung ulang…',
  ringDemo: 'Bunyikan panggilan (demo)',
  ringDemoHint: 'Simulasi: panggilan wajib pajak masuk ke antrean dan berdering di agen yang tersedia.',
  ringDemoFailed: 'Panggilan demo gagal: ',
  waitingForCalls: 'Menunggu panggilan masuk…',
  incomingCall: 'Panggilan masuk',
  callRinging: 'Berdering',
  callConnected: 'Tersambung',
  callEnded: 'Selesai',
  callUnanswered: 'Tidak terjawab',
  callWithdrawn: 'Panggilan dialihkan ke agen lain',
  caller: 'Penelepon',
  unknownCaller: 'Nomor tidak dikenal',
  queue: 'Antrean',
  ticket: 'Tiket',
  taxpayer: 'Wajib pajak',
  chooseTaxpayer: 'Pilih wajib pajak',
  noTaxpayer: 'Tidak ada wajib pajak terdaftar untuk nomor ini.',
  attach: 'Lampirkan',
  npwpOrNik: 'NPWP (15/16 digit) atau NIK (16 digit)',
  history: 'Lima tiket terakhir penelepon',
  noHistory: 'Belum ada tiket sebelumnya.',
  application: 'Aplikasi',
  chooseApplication: '— pilih aplikasi —',
  question: 'Pertanyaan wajib pajak',
  notes: 'Catatan',
  save: 'Simpan',
  saved: 'Tersimpan',
  saveFailed: 'Gagal menyimpan: ',
  myTickets: 'Tiket saya hari ini',
  popNotificationTitle: 'Panggilan masuk — KLIP',
  status: {
    ringing: 'Berdering', connected: 'Tersambung', ended: 'Selesai', unanswered: 'Tidak terjawab',
    received: 'Diterima dan dicatat'
  },
};

export function t(key) {
  return key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), TEXT) ?? key;
}
