document.getElementById('dashboard')!.textContent = 'dashboard';
